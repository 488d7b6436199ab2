import { sql } from "kysely";
import type { Database } from "../../src/database.js";
import { type ConnectOptions, type DatabaseHandle, connectDatabase } from "../../src/platform/db/connect.js";
import { POSTGRES_URL, type TestDatabase } from "./databases.js";

/**
 * A second, independent handle on a test database: another better-sqlite3 connection to the same
 * SQLite file, or another pg pool on the same PostgreSQL schema — as a second process would have.
 */
export async function openSecondConnection(
  test: TestDatabase,
  options: { onQuery?: ConnectOptions["onQuery"] } = {},
): Promise<DatabaseHandle<Database>> {
  if (test.dialect === "sqlite") {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(test.handle.db);
    const file = rows.find((r) => r.name === "main")?.file;
    if (!file) throw new Error("the test database has no file");
    return connectDatabase<Database>({ sqliteFile: file, ...options });
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(test.handle.db);
  return connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: rows[0]!.schema, ...options });
}
