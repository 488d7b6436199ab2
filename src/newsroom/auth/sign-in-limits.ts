import { plural } from "../../platform/plural.js";
import { sql } from "kysely";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { networkOf } from "../../platform/http/rate-limit.js";

// Sign-in limits (ADR 015). Every attempt first takes its place in a counter, in one atomic
// statement, and only then is the password checked: parallel tries cannot all slip under the limit.
// An account's failures are counted apart for each network it has signed in from and once for
// everywhere else, so guesses from elsewhere never lock the owner out of their own network, and a
// guesser gets ten tries per quarter hour wherever they are. The counters live in the database, so
// every process and instance shares them.

/** Failed passwords per account per window: for each known network, and for all others together. */
export const LOGIN_FAILURES_PER_ACCOUNT = 10;
/** Attempts per network (/24, /64) per window, whatever the account. */
export const LOGIN_ATTEMPTS_PER_NETWORK = 30;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** A network stays the account's own this long after its last successful sign-in. */
export const KNOWN_NETWORK_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Counts one hit on `key` in a fixed window, atomically (an upsert that starts a new window when
 * the old one has passed); returns the count so far and the seconds until the window ends.
 */
export async function hitCounter(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; retryAfter: number }> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const expired = sql<boolean>`login_counters.window_start <= ${cutoff}`;
  const row = await db
    .insertInto("login_counters")
    .values({ key, window_start: now.toISOString(), count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql`case when ${expired} then 1 else login_counters.count + 1 end`,
        window_start: sql`case when ${expired} then excluded.window_start else login_counters.window_start end`,
      }),
    )
    .returning(["count", "window_start"])
    .executeTakeFirstOrThrow();
  const endsIn = Math.ceil((Date.parse(row.window_start) + windowMs - now.getTime()) / 1000);
  return { count: Number(row.count), retryAfter: Math.max(1, endsIn) };
}

function tooMany(seconds: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    `Too many sign-in attempts: try again in ${plural(Math.ceil(seconds / 60), "minute")}`,
    {
      details: seconds,
    },
  );
}

async function knowsNetwork(db: Db, email: string, network: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - KNOWN_NETWORK_MS).toISOString();
  const row = await db
    .selectFrom("login_networks as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select("n.user_id")
    .where("u.email", "=", email)
    .where("n.network", "=", network)
    .where("n.last_used_at", ">", since)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes one sign-in attempt's place in the counters, or refuses it (429) before any password is
 * checked. Returns the account counter to clear when the password turns out right.
 */
export async function reserveSignIn(db: Db, email: string, ip: string, now: Date): Promise<string> {
  const network = networkOf(ip);
  const perNetwork = await hitCounter(db, `network:${network}`, now, LOGIN_WINDOW_MS);
  if (perNetwork.count > LOGIN_ATTEMPTS_PER_NETWORK) throw tooMany(perNetwork.retryAfter);
  const from = (await knowsNetwork(db, email, network, now)) ? network : "elsewhere";
  const key = `account:${email}:${from}`;
  const perAccount = await hitCounter(db, key, now, LOGIN_WINDOW_MS);
  if (perAccount.count > LOGIN_FAILURES_PER_ACCOUNT) throw tooMany(perAccount.retryAfter);
  return key;
}

/** A right password: its counter starts again. */
export async function clearSignInCounter(db: Db, key: string): Promise<void> {
  await db.deleteFrom("login_counters").where("key", "=", key).execute();
}

/** Every way into a session proves the account (password, emailed link): its network becomes known. */
export async function rememberNetwork(db: Db, userId: number, ip: string, now: Date): Promise<void> {
  await db
    .insertInto("login_networks")
    .values({ user_id: userId, network: networkOf(ip), last_used_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "network"]).doUpdateSet({ last_used_at: now.toISOString() }))
    .execute();
}

/** Drops counters whose window has passed (they would restart at 1 anyway). */
export async function sweepSignInCounters(db: Db, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  await db.deleteFrom("login_counters").where("window_start", "<=", cutoff).execute();
}
