import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Read threads for SQLite (docs/adr/042). better-sqlite3 runs a statement on the thread that calls
// it, so a slow read (a related-list ranking over the term postings, a search over a big archive)
// holds the event loop, and every request waiting on it, for as long as it runs. In WAL mode other
// connections read the last committed state while the main one writes; each thread here holds one
// such connection, made read-only with `query_only`, and runs the statements it is sent.

/** The thread's program: CommonJS, evaluated by the Worker; better-sqlite3 is resolved by the parent. */
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = " + workerData.busyTimeoutMs);
db.pragma("query_only = ON");
const statements = new Map();
parentPort.on("message", ({ id, sql, parameters }) => {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (statements.size >= 200) statements.clear();
      statements.set(sql, stmt);
    }
    if (!stmt.reader) throw Object.assign(new Error("a read thread runs only statements that return rows"), { code: "READ_ONLY_THREAD" });
    parentPort.postMessage({ id, rows: stmt.all(parameters) });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (err: Error) => void;
}

interface ReadThread {
  worker: Worker;
  pending: Map<number, Pending>;
}

type Reply = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

export interface SqliteReadersOptions {
  file: string;
  /** Threads at most (started when first needed). */
  threads: number;
  busyTimeoutMs: number;
}

/** A small pool of read threads on one SQLite file; a statement goes to the least busy thread. */
export class SqliteReaders {
  private readonly threads: ReadThread[] = [];
  private readonly driver = createRequire(import.meta.url).resolve("better-sqlite3");
  private next = 0;
  private closed = false;

  constructor(private readonly options: SqliteReadersOptions) {}

  /** Runs one statement that reads; its rows, as better-sqlite3 returns them. */
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error("the database's read threads are closed"));
    const thread = this.pick();
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      if (thread.pending.size === 1) thread.worker.ref();
      thread.worker.postMessage({ id, sql, parameters });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private pick(): ReadThread {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.options.threads) return this.start();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private start(): ReadThread {
    const { file, busyTimeoutMs } = this.options;
    const worker = new Worker(THREAD, { eval: true, workerData: { driver: this.driver, file, busyTimeoutMs } });
    const thread: ReadThread = { worker, pending: new Map() };
    // An idle thread does not keep the process alive; one running a statement does.
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ("rows" in reply) waiting.resolve(reply.rows);
      else waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    });
    const stopped = (why: string) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      for (const waiting of thread.pending.values())
        waiting.reject(new Error(`a database read thread stopped: ${why}`));
      thread.pending.clear();
    };
    worker.on("error", (err) => stopped(err.message));
    worker.on("exit", (code) => stopped(`exit code ${code}`));
    this.threads.push(thread);
    return thread;
  }
}
