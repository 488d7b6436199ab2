import SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { DatabaseHandle } from "./connect.js";

// Processes starting at once on a fresh database each migrate and seed. Kysely's migrator locks
// only its own migrations (and on SQLite not at all), so the demo seed raced (duplicate key …
// sections_slug_key on PostgreSQL) and so did SQLite's migrations. One lock covers the whole
// preparation: the second process waits, then finds the work done.

/** Advisory lock class for start-up work ("LDLY"); the second key is the schema, so tenants and test runs don't wait for each other. */
const LOCK_CLASS = 0x4c444c59 | 0;
const POLL_MS = 50;

export async function withPrepareLock<T>(handle: DatabaseHandle<any>, fn: () => Promise<T>): Promise<T> {
  return handle.dialect === "postgres" ? postgresLock(handle.db, fn) : sqliteLock(handle.db, fn);
}

/** A session lock on a connection of its own; the work runs on the pool's other connections. */
function postgresLock<T>(db: Kysely<any>, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(LOCK_CLASS)}, hashtext(current_schema()))`.execute(conn);
    try {
      return await fn();
    } finally {
      // A connection that died released its lock with it.
      await sql`select pg_advisory_unlock(${sql.lit(LOCK_CLASS)}, hashtext(current_schema()))`
        .execute(conn)
        .catch(() => undefined);
    }
  });
}

/**
 * An exclusive lock on a small file beside the database (`<file>-start-lock`), taken by a second
 * SQLite connection: the operating system drops it if the process dies. Asked for without blocking
 * and again every 50 ms, since better-sqlite3's busy wait would stop the event loop.
 */
async function sqliteLock<T>(db: Kysely<any>, fn: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const file = rows.find((r) => r.name === "main")?.file;
  if (!file) return fn(); // in memory: no other process can open it
  const lock = new SQLite(`${file}-start-lock`);
  try {
    lock.pragma("busy_timeout = 0");
    for (;;) {
      try {
        lock.exec("begin exclusive");
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    return await fn();
  } finally {
    lock.close(); // ends the transaction and lets the lock go
  }
}
