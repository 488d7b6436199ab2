import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type LogEvent, SqliteDialect } from "kysely";
import pg from "pg";
import { ReadThreadDialect } from "./read-thread-dialect.js";
import { SchemaScopedPostgresDialect } from "./schema-introspector.js";
import { SqliteReaders } from "./sqlite-readers.js";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  /**
   * Where long reads go (a ranking, a search): on a SQLite file, read threads (sqlite-readers.ts),
   * so they do not hold the event loop; elsewhere the same as `db`. Reads only, no transactions.
   */
  reader: Kysely<DB>;
  dialect: Dialect;
  destroy(): Promise<void>;
  /** PostgreSQL's connection pool as it stands (for /metrics); absent on SQLite (one connection). */
  pool?: () => { total: number; idle: number; waiting: number; max: number };
}

export interface ConnectOptions {
  /** postgres://… ; when absent, SQLite at sqliteFile. */
  databaseUrl?: string | undefined;
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate each run in its own schema). */
  pgSchema?: string;
  poolSize?: number;
  /** Called for every query (tests count queries per page with it). */
  onQuery?: (event: LogEvent) => void;
  /** How long a SQLite write waits for another process's write lock before failing (default 5 s). */
  busyTimeoutMs?: number;
  /** SQLite read threads at most (default 2; 0: every read on the main connection). */
  readThreads?: number;
  /** Told when PostgreSQL drops a connection (default: a warning line on stderr). */
  onConnectionError?: (err: Error) => void;
}

const warnOnStderr = (err: Error) =>
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), err: { message: err.message, code: (err as { code?: string }).code }, msg: "database connection lost; the pool opens a new one on the next query" })}\n`,
  );

export function connectDatabase<DB>(options: ConnectOptions): DatabaseHandle<DB> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A database that does not answer fails the request in seconds (503) rather than holding it.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // A connection ended by the server (57P01 after pg_terminate_backend, a failover, a proxy reaping
    // idle connections) emits "error" on its client, and on the pool when it was idle. Unheard, either
    // ends the process. Heard, the pool drops that client and the next query opens a new one; a query
    // that was running on it fails on its own. Clients are heard while checked out too.
    const onConnectionError = options.onConnectionError ?? warnOnStderr;
    pool.on("connect", (client) => client.on("error", onConnectionError));
    pool.on("error", () => undefined); // already told by the client's own listener
    const db = new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect({ pool }), ...logOption(options) });
    const max = options.poolSize ?? 10;
    const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max });
    return { db, reader: db, dialect: "postgres", destroy: () => db.destroy(), pool: poolState };
  }
  const file = options.sqliteFile ?? ":memory:";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers go on while the newsroom writes; NORMAL sync is durable across crashes in WAL mode.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // Planner statistics: without them SQLite reads "status = 'published'" as selective and walks that
  // index instead of the search index or the primary key (seconds instead of milliseconds on a big
  // archive). optimize with 0x10002 analyses, within a time limit, the tables that need it.
  sqlite.pragma("optimize = 0x10002");
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...logOption(options),
  });
  const threads = file === ":memory:" ? 0 : (options.readThreads ?? 2);
  if (threads === 0) return { db, reader: db, dialect: "sqlite", destroy: () => db.destroy() };
  const reader = new Kysely<DB>({
    dialect: new ReadThreadDialect(new SqliteReaders({ file, threads, busyTimeoutMs })),
    ...logOption(options),
  });
  const destroy = async () => {
    await reader.destroy();
    await db.destroy();
  };
  return { db, reader, dialect: "sqlite", destroy };
}

const logOption = (options: ConnectOptions) => (options.onQuery ? { log: options.onQuery } : {});

/**
 * Kysely prepares every query afresh; preparing a join costs more than running it. The same SQL
 * text always makes the same statement, so prepared statements are kept (bounded) and reused.
 * better-sqlite3 runs statements synchronously, so one statement is never used twice at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (statements.size >= max) statements.clear();
        statements.set(sql, stmt);
      }
      return stmt;
    },
    close: () => sqlite.close(),
  };
}
