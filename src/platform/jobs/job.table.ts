import type { Generated, Kysely, Transaction } from "kysely";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One row per job; times are ISO-8601 UTC text, JSON is text (docs/adr/002, docs/adr/007). */
export interface JobTable {
  id: Generated<number>;
  /** The handler's name, e.g. "newsletter.send-batch". */
  name: string;
  /** The handler's input as JSON text: ids, not objects. */
  payload: string;
  status: JobStatus;
  /** Not before this time; also the retry time after a failed attempt. */
  run_at: string;
  /** Attempts started so far, counting the one running. */
  attempts: Generated<number>;
  max_attempts: number;
  /** The runner holding the lease while running. */
  locked_by: string | null;
  /** The lease: past this time another runner may take the job again. */
  locked_until: string | null;
  last_error: string | null;
  /** JSON text: {"done":…,"total":…,"message":…}. */
  progress: string | null;
  /** Idempotency key: a second enqueue with the same key returns the first job. */
  key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A runner that is alive writes its row every few seconds (runner-liveness.ts, docs/adr/032). */
export interface JobRunnerTable {
  /** The runner's id, as jobs.locked_by names it. */
  id: string;
  started_at: string;
  seen_at: string;
}

/** The slice of the app database the jobs component needs; the app's Database extends it. */
export interface JobsDatabase {
  jobs: JobTable;
  job_runners: JobRunnerTable;
}

/** The app database or a transaction on it, as long as it has the jobs table. */
export type JobsDb<DB extends JobsDatabase = JobsDatabase> = Kysely<DB> | Transaction<DB>;
