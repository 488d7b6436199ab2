import { AppError } from "../errors.js";

// Faults that say "the database cannot be reached now", not "this query is wrong": the request may
// succeed if tried again in a moment, so it answers 503 with Retry-After instead of 500.

/** Node's socket errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** node-postgres' own words for a connection that failed or died (it gives these no code). */
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/;

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (the server is shutting down
 * or starting), 53300 (too many connections). SQLite: another process holds the lock past the busy
 * timeout.
 */
function unavailableCode(code: string): boolean {
  return (
    NETWORK_CODES.has(code) ||
    /^08/.test(code) ||
    /^57P0[123]$/.test(code) ||
    code === "53300" ||
    /^SQLITE_(BUSY|LOCKED)/.test(code)
  );
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && unavailableCode(code)) return true;
    if (PG_CONNECTION_MESSAGES.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Seconds a client should wait before trying again (RFC 9110 §10.2.3). */
export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = (cause: unknown) =>
  new AppError("UNAVAILABLE", "The site cannot reach its database just now; try again in a few seconds", { cause });
