import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase } from "../../src/database.js";
import type { Database } from "../../src/database.js";
import { type Config, loadConfig } from "../../src/platform/config.js";
import type { DatabaseHandle, Dialect } from "../../src/platform/db/connect.js";
import { migrateToLatest } from "../../src/platform/migrations/migrate.js";

// Every data-layer and HTTP test runs on real SQLite and real PostgreSQL. PostgreSQL runs in a
// throw-away schema per test file. Where no PostgreSQL is reachable the suite says so loudly and
// skips it, except in CI, where a missing PostgreSQL is a failure.

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;
function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export interface TestDatabase {
  dialect: Dialect;
  handle: DatabaseHandle<Database>;
  config: Config;
  /** Environment for another process (the CLI) to open this same database. */
  env: Record<string, string>;
}

/** A shared media folder: seeded images are written once and reused by every test database. */
export const TEST_DATA_DIR = path.resolve("test-results/data");

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: TEST_DATA_DIR,
    SITE_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    ...overrides,
  });
}

async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const config = testConfig(dialect === "postgres" ? { DATABASE_URL: POSTGRES_URL } : {});
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-test-"));
    const handle = openDatabase({ ...config, dataDir: dir });
    await migrateToLatest(handle.db, "sqlite");
    return {
      dialect,
      config,
      env: { DATA_DIR: dir },
      handle: {
        ...handle,
        destroy: async () => {
          await handle.destroy();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase(config, { pgSchema: schema });
  await migrateToLatest(handle.db, "postgres");
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    dialect,
    config,
    env: { DATABASE_URL: url.toString() },
    handle: {
      ...handle,
      destroy: async () => {
        await handle.destroy();
        const c = new pg.Client({ connectionString: POSTGRES_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    },
  };
}

export const pgAvailable = await postgresReachable();
if (!pgAvailable) {
  if (process.env.CI)
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}; CI must run the PostgreSQL suite.`);
  console.warn(
    `\n!!! PostgreSQL is not reachable at ${POSTGRES_URL}: the PostgreSQL half of the data-layer and HTTP tests is SKIPPED.\n`,
  );
}

/**
 * Runs `suite` once per database engine. `get()` returns the database of the current engine,
 * migrated and empty (the suite seeds what it needs in its own beforeAll).
 */
export function describeEachDatabase(name: string, suite: (get: () => TestDatabase) => void): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const run = dialect === "postgres" && !pgAvailable ? describe.skip : describe;
    run(`${name} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.handle.destroy();
      });
      suite(() => {
        if (!current) throw new Error("test database not ready");
        return current;
      });
    });
  }
}
