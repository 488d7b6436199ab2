import { type ExpressionBuilder, sql } from "kysely";
import { dialectOf } from "../db/dialect-of.js";
import type { JobProgress, JobRow } from "./job.js";
import type { JobsDatabase, JobsDb } from "./job.table.js";
import { silentRunners } from "./runner-liveness.js";

// The runner's side of the jobs table. A claim is identified by (id, locked_by, attempts): every
// later write for that attempt checks all three and that the job is still running, so a runner
// whose lease expired (and whose job another runner took) or whose job was cancelled changes
// nothing. Each write is one statement; no transaction spans an await.

export interface Claim {
  id: number;
  runnerId: string;
  attempts: number;
}

/**
 * Takes up to `limit` due jobs of the given names — queued and due, or running with attempts left
 * and an expired lease or a runner that stopped beating before `silentBefore` (runner-liveness.ts)
 * — marks them running with a lease, and returns them.
 */
export async function claimJobs(
  db: JobsDb,
  options: { runnerId: string; names: string[]; limit: number; now: Date; leaseMs: number; silentBefore?: string },
): Promise<JobRow[]> {
  if (options.limit < 1 || options.names.length === 0) return [];
  const now = options.now.toISOString();
  const due = db
    .selectFrom("jobs")
    .select("id")
    .where("name", "in", options.names)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
        eb.and([
          eb("status", "=", "running"),
          abandoned(db, eb, { now, runnerId: options.runnerId, silentBefore: options.silentBefore }),
          eb("attempts", "<", eb.ref("max_attempts")),
        ]),
      ]),
    )
    .orderBy("run_at")
    .orderBy("id")
    .limit(options.limit);
  // PostgreSQL: lock the chosen rows and skip rows another runner is claiming, so concurrent
  // runners take different jobs without waiting. SQLite runs one writer at a time and an UPDATE
  // takes the write lock before it reads, so the single statement is atomic as it is.
  const ids = dialectOf(db) === "postgres" ? due.forUpdate().skipLocked() : due;
  return db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      attempts: eb("attempts", "+", 1),
      locked_by: options.runnerId,
      locked_until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      updated_at: now,
    }))
    .where("id", "in", ids)
    .returningAll()
    .execute();
}

/**
 * A running job's claim has lapsed: its lease expired, or its runner went silent. The runner asking
 * (`runnerId`) is never silent to itself.
 */
function abandoned(
  db: JobsDb,
  eb: ExpressionBuilder<JobsDatabase, "jobs">,
  at: { now: string; runnerId: string; silentBefore?: string | undefined },
) {
  return at.silentBefore === undefined
    ? eb("locked_until", "<=", at.now)
    : eb.or([eb("locked_until", "<=", at.now), eb("locked_by", "in", silentRunners(db, at.silentBefore, at.runnerId))]);
}

/** Fails running jobs whose claim lapsed on their last attempt (their runner died mid-way). */
export async function failAbandonedJobs(
  db: JobsDb,
  options: { runnerId: string; names: string[]; now: Date; silentBefore?: string },
): Promise<JobRow[]> {
  if (options.names.length === 0) return [];
  const now = options.now.toISOString();
  return db
    .updateTable("jobs")
    .set((eb) => ({
      status: "failed",
      last_error: sql<string>`coalesce(${eb.ref("last_error")} || '; ', '') || 'lease expired on the last attempt (runner stopped or crashed?)'`,
      locked_by: null,
      locked_until: null,
      updated_at: now,
      finished_at: now,
    }))
    .where("name", "in", options.names)
    .where("status", "=", "running")
    .where((eb) => abandoned(db, eb, { now, runnerId: options.runnerId, silentBefore: options.silentBefore }))
    .whereRef("attempts", ">=", "max_attempts")
    .returningAll()
    .execute();
}

const ownClaim = (db: JobsDb, claim: Claim) =>
  db
    .updateTable("jobs")
    .where("id", "=", claim.id)
    .where("status", "=", "running")
    .where("locked_by", "=", claim.runnerId)
    .where("attempts", "=", claim.attempts);

/** Extends the lease (and records progress if given); false if the claim is no longer ours. */
export async function extendLease(
  db: JobsDb,
  claim: Claim,
  options: { now: Date; leaseMs: number; progress?: JobProgress },
): Promise<boolean> {
  const result = await ownClaim(db, claim)
    .set({
      locked_until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      updated_at: options.now.toISOString(),
      ...(options.progress ? { progress: JSON.stringify(options.progress) } : {}),
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function completeJob(db: JobsDb, claim: Claim, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await ownClaim(db, claim)
    .set({ status: "succeeded", locked_by: null, locked_until: null, updated_at: at, finished_at: at })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Puts the job back in the queue for `retryAt`, or fails it for good when `retryAt` is null. */
export async function failAttempt(
  db: JobsDb,
  claim: Claim,
  options: { now: Date; error: string; retryAt: Date | null },
): Promise<boolean> {
  const at = options.now.toISOString();
  const result = await ownClaim(db, claim)
    .set(
      options.retryAt
        ? { status: "queued", run_at: options.retryAt.toISOString(), last_error: options.error, updated_at: at }
        : { status: "failed", last_error: options.error, updated_at: at, finished_at: at },
    )
    .set({ locked_by: null, locked_until: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives an interrupted job back (its runner is stopping): queued and due now, the attempt not
 * counted, so another runner takes it at once and goes on from where its steps left off.
 */
export async function releaseJob(db: JobsDb, claim: Claim, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await ownClaim(db, claim)
    .set((eb) => ({
      status: "queued",
      run_at: at,
      attempts: eb("attempts", "-", 1),
      locked_by: null,
      locked_until: null,
      updated_at: at,
    }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
