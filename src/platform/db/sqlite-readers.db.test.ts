import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "./connect.js";

// SQLite's read threads (sqlite-readers.ts, docs/adr/042): the same rows as the main connection,
// the last committed state, nothing written, and the event loop free while a long read runs.

interface Notes {
  notes: { id: number; body: string; score: number | null; data: Uint8Array | null };
}

describe("SQLite read threads", () => {
  let dir: string;
  let handle: DatabaseHandle<Notes>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-readers-"));
    handle = connectDatabase<Notes>({ sqliteFile: path.join(dir, "db.sqlite"), readThreads: 2 });
    await sql`create table notes (id integer primary key, body text not null, score real, data blob)`.execute(
      handle.db,
    );
    await handle.db
      .insertInto("notes")
      .values([
        { id: 1, body: "Night buses return", score: 0.5, data: Buffer.from([1, 2, 3]) },
        { id: 2, body: "Café reopens – ünïcode", score: null, data: null },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers with the same rows as the main connection, typed values included", async () => {
    const query = (db: typeof handle.db) => db.selectFrom("notes").selectAll().where("id", "in", [1, 2]).orderBy("id");
    const main = await query(handle.db).execute();
    const read = await query(handle.reader).execute();
    expect(handle.reader).not.toBe(handle.db);
    expect(read.map((r) => ({ ...r, data: r.data && [...r.data] }))).toEqual(
      main.map((r) => ({ ...r, data: r.data && [...r.data] })),
    );
    expect(read[1]!.body).toBe("Café reopens – ünïcode");
  });

  it("reads what is committed, not what a transaction still holds", async () => {
    let seenInside: number | undefined;
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto("notes").values({ id: 3, body: "not yet", score: 1, data: null }).execute();
      seenInside = (await handle.reader.selectFrom("notes").select("id").where("id", "=", 3).execute()).length;
    });
    expect(seenInside).toBe(0);
    expect(await handle.reader.selectFrom("notes").select("id").where("id", "=", 3).execute()).toHaveLength(1);
  });

  it("refuses to write or to open a transaction, with a clear error, and keeps answering", async () => {
    await expect(
      handle.reader.insertInto("notes").values({ id: 9, body: "no", score: null, data: null }).execute(),
    ).rejects.toThrow(/only statements that return rows|readonly/i);
    await expect(
      sql`insert into notes (id, body) values (10, 'no') returning id`.execute(handle.reader),
    ).rejects.toThrow(/readonly|read-only|query_only/i);
    await expect(handle.reader.transaction().execute(async () => undefined)).rejects.toThrow(/no transactions/);
    expect(await handle.db.selectFrom("notes").select("id").where("id", ">=", 9).execute()).toEqual([]);
    expect(await handle.reader.selectFrom("notes").select("id").where("id", "=", 1).execute()).toEqual([{ id: 1 }]);
    await expect(sql`select * from no_such_table`.execute(handle.reader)).rejects.toThrow(/no such table/);
  });

  it("leaves the event loop free while a long read runs", async () => {
    // A read of a few hundred milliseconds: counting to a million in a recursive query.
    const long = sql<{ n: number }>`
      with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000000) select count(*) as n from c`;
    let turns = 0;
    let done = false;
    const counting = (async () => {
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        turns += 1;
      }
    })();
    const result = await long.execute(handle.reader);
    done = true;
    await counting;
    expect(result.rows[0]!.n).toBe(1_000_000);
    // On the main connection the same read runs in one turn; on a thread the loop goes round meanwhile.
    expect(turns).toBeGreaterThan(20);
  });

  it("an in-memory database reads on its one connection", async () => {
    const memory = connectDatabase<Notes>({});
    expect(memory.reader).toBe(memory.db);
    await memory.destroy();
  });
});
