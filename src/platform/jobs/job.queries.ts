import type { Kysely, Transaction } from "kysely";
import { type Job, toJob } from "./job.js";
import type { JobStatus, JobsDatabase, JobsDb } from "./job.table.js";

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Idempotency key: while a job with this key exists, enqueueing again returns it unchanged. */
  key?: string;
  /** Attempts before the job is failed for good (default 5). */
  maxAttempts?: number;
  /** The clock, for tests. */
  now?: Date;
}

/** Any Kysely or transaction whose database has the jobs table (Kysely's types are invariant in DB). */
export type DbWithJobs<DB extends JobsDatabase> = Kysely<DB> | Transaction<DB>;

export const jobsDb = <DB extends JobsDatabase>(db: DbWithJobs<DB>) => db as unknown as JobsDb;

/**
 * Adds a job. Pass the caller's transaction to enqueue the job if and only if that transaction
 * commits. With a key, a second enqueue is a no-op that returns the existing job.
 */
export async function enqueue<DB extends JobsDatabase>(
  db: DbWithJobs<DB>,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<Job> {
  return (await insertJob(jobsDb(db), name, payload, options)).job;
}

/** enqueue, also telling whether this call created the job. */
export async function insertJob(
  db: JobsDb,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<{ job: Job; created: boolean }> {
  const json = JSON.stringify(payload ?? {});
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError("maxAttempts must be an integer ≥ 1");
  const now = (options.now ?? new Date()).toISOString();
  const row = await db
    .insertInto("jobs")
    .values({
      name,
      payload: json,
      status: "queued",
      run_at: (options.runAt ?? options.now ?? new Date()).toISOString(),
      max_attempts: maxAttempts,
      key: options.key ?? null,
      created_at: now,
      updated_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      progress: null,
      finished_at: null,
    })
    // On PostgreSQL a concurrent insert of the same key waits for the other transaction, then does
    // nothing if it committed; the transaction stays usable either way.
    .onConflict((oc) => oc.column("key").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { job: toJob(row), created: true };
  if (options.key === undefined) throw new Error(`Job ${name} was not inserted`);
  const existing = await db.selectFrom("jobs").selectAll().where("key", "=", options.key).executeTakeFirstOrThrow();
  return { job: toJob(existing), created: false };
}

export async function getJob<DB extends JobsDatabase>(db: DbWithJobs<DB>, id: number): Promise<Job | undefined> {
  const row = await jobsDb(db).selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toJob(row);
}

export async function getJobByKey<DB extends JobsDatabase>(db: DbWithJobs<DB>, key: string): Promise<Job | undefined> {
  const row = await jobsDb(db).selectFrom("jobs").selectAll().where("key", "=", key).executeTakeFirst();
  return row && toJob(row);
}

export interface JobFilter {
  name?: string;
  status?: JobStatus;
  /** At most this many, newest first (default 50, at most 500). */
  limit?: number;
  /** Only jobs with a smaller id: the next page after the last id shown. */
  beforeId?: number;
}

/** Jobs for the newsroom's admin screen, newest first. */
export async function listJobs<DB extends JobsDatabase>(db: DbWithJobs<DB>, filter: JobFilter = {}): Promise<Job[]> {
  let query = jobsDb(db).selectFrom("jobs").selectAll();
  if (filter.name !== undefined) query = query.where("name", "=", filter.name);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 500);
  const rows = await query.orderBy("id", "desc").limit(limit).execute();
  return rows.map(toJob);
}

/**
 * Cancels a queued or running job and returns it as it now is (undefined if there is no such job).
 * A finished job is returned unchanged. A running handler learns of the cancellation at its next
 * heartbeat or progress report, which throws JobLeaseLostError; its result is then discarded.
 */
export async function cancelJob<DB extends JobsDatabase>(
  db: DbWithJobs<DB>,
  id: number,
  now: Date = new Date(),
): Promise<Job | undefined> {
  const at = now.toISOString();
  const row = await jobsDb(db)
    .updateTable("jobs")
    .set({ status: "cancelled", locked_by: null, locked_until: null, updated_at: at, finished_at: at })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : getJob(db, id);
}

/**
 * Removes finished jobs (succeeded or cancelled) older than `before`: schedules that fire every
 * minute would otherwise grow the table without end. Failed jobs stay for someone to read.
 */
export async function pruneFinishedJobs<DB extends JobsDatabase>(db: DbWithJobs<DB>, before: Date): Promise<number> {
  const result = await jobsDb(db)
    .deleteFrom("jobs")
    .where("status", "in", ["succeeded", "cancelled"])
    .where("finished_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
