import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ConfigError } from "./config.js";
import { isDatabaseUnavailable } from "./db/unavailable.js";

// What stops the site from starting, said in one line that names the setting and what to do, in
// place of a stack trace. The checks run before anything is written: a port in use is found before
// the database is migrated or seeded.

/** A start-up fault already phrased for the operator. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

const codeOf = (err: unknown) => (err as { code?: unknown } | undefined)?.code;

/** Fails unless a server may listen at host:port (port 0, any free port, always may). */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (err) => reject(listenError(err, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The one line for an error from listen(). */
export function listenError(err: unknown, host: string, port: number): Error {
  const code = codeOf(err);
  if (code === "EADDRINUSE")
    return new StartupError(
      `PORT ${port} on ${host} (${host}:${port}) is in use by another program: stop it, or set PORT to a free port`,
    );
  if (code === "EACCES")
    return new StartupError(`PORT ${port} on ${host} needs privileges this user lacks: set PORT to 1024 or above`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return new StartupError(`HOST ${host} is not an address of this machine: set HOST to one (127.0.0.1, 0.0.0.0)`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Makes DATA_DIR if needed and proves it writable by writing and removing a file in it. */
export function checkDataDir(dir: string): void {
  const probe = path.join(dir, `.write-check-${process.pid}`);
  try {
    makeDirectory(dir);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (err) {
    throw new StartupError(
      `DATA_DIR ${dir} cannot be written (${String(codeOf(err) ?? (err as Error).message)}): ` +
        "set DATA_DIR to a directory this user can write, or fix its permissions",
    );
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync spins for ever under a directory where
 * mkdir fails with ENOENT (/proc/x), where this fails at once.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) fs.mkdirSync(d);
}

/** host:port of a postgres:// URL, never its password. */
function whereIs(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || "localhost"}:${url.port || 5432}`;
  } catch {
    return "the configured server";
  }
}

function* chain(err: unknown): Generator<Error> {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) yield e;
}

/**
 * One line for a start-up failure the operator can fix, or undefined for anything else (a bug,
 * which keeps its stack trace).
 */
export function describeStartupError(err: unknown, databaseUrl?: string): string | undefined {
  if (err instanceof ConfigError) return err.lines.join("\n");
  if (err instanceof StartupError) return err.message;
  // node-postgres' DatabaseError: the server's own answer, with a SQLSTATE and a severity.
  const pgError = [...chain(err)].find((e) => "severity" in e && typeof codeOf(e) === "string");
  const pgCode = codeOf(pgError);
  if (databaseUrl) {
    const where = whereIs(databaseUrl);
    if (pgCode === "3D000")
      return `DATABASE_URL names a database that does not exist on ${where} (${pgError!.message}): create it, or check DATABASE_URL`;
    if (pgCode === "28P01" || pgCode === "28000")
      return `DATABASE_URL's user was refused by PostgreSQL at ${where} (${pgError!.message}): check the user and password in DATABASE_URL`;
    if (pgCode === "42501")
      return `DATABASE_URL's user may not create tables at ${where} (${pgError!.message}): grant it rights on the schema, or use another user`;
    if (isDatabaseUnavailable(err)) {
      const refused = [...chain(err)].some((e) => codeOf(e) === "ECONNREFUSED" || /ECONNREFUSED/.test(e.message));
      const reason = refused ? "connection refused" : ([...chain(err)].at(-1)?.message ?? "no answer");
      return `DATABASE_URL: cannot reach PostgreSQL at ${where} (${reason}): start PostgreSQL, or check DATABASE_URL`;
    }
  } else if ([...chain(err)].some((e) => /^SQLITE_(BUSY|LOCKED)/.test(String(codeOf(e))))) {
    return "DATA_DIR: the SQLite database is locked by another process: wait for it to finish, or stop it";
  }
  return undefined;
}
