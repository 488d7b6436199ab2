import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import type { SqliteReaders } from "./sqlite-readers.js";

// Kysely on the read threads (sqlite-readers.ts): the same query builder and types as the main
// connection, each query sent to a thread. Reads only; no transactions (each statement reads the
// last committed state on its own).

class ReadThreadConnection implements DatabaseConnection {
  constructor(private readonly readers: SqliteReaders) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.readers.all(compiled.sql, compiled.parameters)) as R[] };
  }

  // eslint-disable-next-line require-yield -- nothing streams from a thread
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("the read threads do not stream");
  }
}

class ReadThreadDriver implements Driver {
  private readonly connection: ReadThreadConnection;

  constructor(private readonly readers: SqliteReaders) {
    this.connection = new ReadThreadConnection(readers);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error("the read threads run no transactions: write through the main connection");
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.readers.close();
  }
}

export class ReadThreadDialect implements Dialect {
  constructor(private readonly readers: SqliteReaders) {}

  createDriver(): Driver {
    return new ReadThreadDriver(this.readers);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
