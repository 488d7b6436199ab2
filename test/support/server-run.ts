import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { POSTGRES_URL } from "./databases.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The environment a child process starts with: the test runner's, minus what would leak into it. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CI: "" };
  for (const key of ["DATABASE_URL", "DATA_DIR", "SMTP_URL", "TZ_NEWSROOM", "PORT", "NODE_OPTIONS"]) delete base[key];
  return { ...base, ...env };
}

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx <script> ...args` to its end. */
export function runProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Exited> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not end within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Whether the process has exited, and how. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stop(): Promise<void>;
}

/** Starts `src/server.ts` on a free port and resolves once it listens. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env: childEnv({ PORT: "0", LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on("exit", (code, signal) => (exit = { code, signal }));
  const exitedPromise = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!listening) return;
      child.stdout.off("data", onData);
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      clearTimeout(timer);
      resolve({
        url: listening[1]!,
        child,
        output: () => out,
        exited: () => exit,
        stop: async () => {
          if (exit) return;
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exitedPromise;
          clearTimeout(killer);
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`));
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
