import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, pgAvailable } from "../../../test/support/databases.js";
import { migrateToLatest } from "../migrations/migrate.js";
import { connectDatabase, type DatabaseHandle } from "./connect.js";

// Two instances (or two test files) share one PostgreSQL database in separate schemas. Migrating
// one must neither see the other's tables nor fail while the other's schema is being dropped.

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

describe.skipIf(!pgAvailable)("PostgreSQL introspection [postgres]", () => {
  const ours = `test_${randomBytes(6).toString("hex")}`;
  const theirs = `test_${randomBytes(6).toString("hex")}`;
  let handle: DatabaseHandle<any>;

  beforeAll(async () => {
    await admin(
      `create schema ${ours}; create schema ${theirs}; create table ${theirs}.elsewhere (id serial primary key)`,
    );
    handle = connectDatabase({ databaseUrl: POSTGRES_URL, pgSchema: ours, poolSize: 2 });
  });
  afterAll(async () => {
    await handle.destroy();
    await admin(`drop schema if exists ${ours} cascade; drop schema if exists ${theirs} cascade`);
  });

  it("reads the connection's own schema only, with its columns", async () => {
    await handle.db.schema
      .createTable("here")
      .addColumn("id", "serial", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .execute();
    const tables = await handle.db.introspection.getTables();
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([`${ours}.here`]);
    const columns = tables[0]!.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing]);
    expect(columns).toEqual([
      ["id", "int4", false, true],
      ["title", "text", false, false],
      ["note", "text", true, false],
    ]);
  });

  it("introspects and migrates while other schemas are created and dropped around it", async () => {
    let churning = true;
    const churner = async () => {
      let dropped = 0;
      while (churning) {
        const name = `test_${randomBytes(6).toString("hex")}`;
        await admin(`create schema ${name}; create table ${name}.t (id serial primary key, a text, b text)`);
        await admin(`drop schema ${name} cascade`);
        dropped += 1;
      }
      return dropped;
    };
    const churn = Promise.all([churner(), churner(), churner()]);
    try {
      // Kysely's own introspector failed here within a few rounds ("schema … does not exist").
      for (let round = 0; round < 60; round++)
        await handle.db.introspection.getTables({ withInternalKyselyTables: true });
      const applied = await migrateToLatest(handle.db, "postgres");
      expect(applied.length).toBeGreaterThan(20);
    } finally {
      churning = false;
    }
    expect((await churn).every((n) => n > 0)).toBe(true);
    expect(await migrateToLatest(handle.db, "postgres")).toEqual([]);
  });
});
