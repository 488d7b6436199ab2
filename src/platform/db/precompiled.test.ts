import { Kysely, SqliteDialect } from "kysely";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { precompiled, slot } from "./precompiled.js";

describe("precompiled queries", () => {
  const db = new Kysely<{ t: { id: number; name: string } }>({
    dialect: new SqliteDialect({ database: new SQLite(":memory:") }),
  });

  it("compiles once and binds new values on every run", async () => {
    await db.schema.createTable("t").addColumn("id", "integer").addColumn("name", "text").execute();
    await db
      .insertInto("t")
      .values([
        { id: 1, name: "a" },
        { id: 2, name: "b" },
        { id: 3, name: "c" },
      ])
      .execute();
    let builds = 0;
    const byName = precompiled<{ name: string; limit: number }, { id: number }>((k) => {
      builds++;
      return k
        .selectFrom("t")
        .select("id")
        .where("name", "=", slot("name"))
        .where("id", ">", 0)
        .limit(slot<number>("limit"));
    });
    expect(await byName(db, { name: "b", limit: 5 })).toEqual([{ id: 2 }]);
    expect(await byName(db, { name: "c", limit: 5 })).toEqual([{ id: 3 }]);
    expect(await byName(db, { name: "c", limit: 0 })).toEqual([]);
    expect(builds).toBe(1);
    await expect(byName(db, { name: "a" } as never)).rejects.toThrow(/limit/);
  });
});
