import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type ExitStatus, childEnv, spawnChild, tsx } from "./child-process.js";
import { POSTGRES_URL } from "./databases.js";

export interface Exited extends ExitStatus {
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx <script> ...args` to its end. */
export async function runProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Exited> {
  const [script, ...rest] = args;
  const run = spawnChild(tsx(script!, ...rest), { env: childEnv(env) });
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    run.child.kill("SIGKILL");
  }, timeoutMs);
  const exit = await run.exited;
  clearTimeout(timer);
  if (late) {
    throw new Error(`${args.join(" ")} did not end within ${timeoutMs} ms:\n${run.stdout()}\n${run.stderr()}`);
  }
  return { ...exit, stdout: run.stdout(), stderr: run.stderr() };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Whether the process has exited, and how. */
  exited(): ExitStatus | undefined;
  stop(): Promise<void>;
}

/** Starts `src/server.ts` on a free port and resolves once it listens. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const server = spawnChild(tsx("src/server.ts"), { env: childEnv({ PORT: "0", LOG_LEVEL: "info", ...env }) });
  const { child } = server;
  let exit: ExitStatus | undefined;
  void server.exited.then((status) => (exit = status));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${server.output()}`));
    }, timeoutMs);
    const onData = () => {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
      if (!listening) return;
      child.stdout!.off("data", onData);
      clearTimeout(timer);
      resolve({
        url: listening[1]!,
        child,
        output: server.output,
        exited: () => exit,
        stop: async () => {
          if (exit) return;
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await server.exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.on("data", onData);
    void server.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${server.output()}`));
    });
  });
}

/**
 * A fresh, empty PostgreSQL schema for a server process, its connections named `application_name`
 * so a test can end them (and only them) with pg_terminate_backend.
 */
export async function freshPostgresSchema(): Promise<{
  schema: string;
  env: Record<string, string>;
  applicationName: string;
  terminate(): Promise<number>;
  drop(): Promise<void>;
}> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const applicationName = `ld_${schema}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`create schema ${schema}`));
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  url.searchParams.set("application_name", applicationName);
  return {
    schema,
    env: { DATABASE_URL: url.toString() },
    applicationName,
    terminate: () =>
      admin(async (c) => {
        const { rows } = await c.query(
          "select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1",
          [applicationName],
        );
        return rows.length;
      }),
    drop: () => admin((c) => c.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}
