import { z } from "zod";
import { type Claim, completeJob, extendLease, failAttempt, releaseJob } from "./job.claims.js";
import {
  type JobContext,
  type JobHandler,
  JobInterruptedError,
  JobLeaseLostError,
  PermanentJobError,
} from "./job-handler.js";
import { type Job, type JobRow, toJob } from "./job.js";
import type { JobLogger } from "./job-logger.js";
import type { JobsDb } from "./job.table.js";

// One attempt at one claimed job, as the runner (job-runner.ts) starts it: the handler's own lease,
// the payload checked against its schema, the run with a context that renews the claim, and the
// outcome recorded (succeeded, retried with back-off, failed for good, released for the shutdown).

export type JobOutcome = "succeeded" | "failed" | "interrupted" | "lost";

/** Progress is written at most this often, except the last of a run (done = total). */
const PROGRESS_WRITE_INTERVAL_MS = 1000;

export interface AttemptDeps {
  db: JobsDb;
  runnerId: string;
  handlers: Record<string, JobHandler<any>>;
  /** The runner's lease, for handlers without their own. */
  leaseMs: number;
  backoffMs: (attempts: number) => number;
  now: () => Date;
  log: JobLogger;
  observe: ((job: string, outcome: JobOutcome, seconds: number) => void) | undefined;
  /** True once the runner is stopping (JobContext.stopping). */
  stopping: () => boolean;
}

export async function runAttempt(deps: AttemptDeps, row: JobRow): Promise<void> {
  const job = toJob(row);
  const claim: Claim = { id: job.id, runnerId: deps.runnerId, attempts: job.attempts };
  const handler = deps.handlers[job.name]!;
  const leaseMs = handler.leaseMs ?? deps.leaseMs;
  const meta = { job: job.id, name: job.name, attempt: job.attempts, runner: deps.runnerId };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    // The claim used the runner's lease; a handler with its own lease sets it before it starts.
    if (handler.leaseMs !== undefined && !(await extendLease(deps.db, claim, { now: deps.now(), leaseMs }))) {
      throw new JobLeaseLostError(job.id);
    }
    const input = handler.schema.safeParse(job.payload);
    if (!input.success) {
      throw new PermanentJobError(`Invalid payload for ${job.name}: ${z.prettifyError(input.error)}`);
    }
    deps.log.info(meta, "job started");
    await handler.run(input.data, context(deps, job, claim, leaseMs));
    if (await completeJob(deps.db, claim, deps.now())) {
      deps.log.info({ ...meta, durationMs: elapsed() }, "job succeeded");
      deps.observe?.(job.name, "succeeded", elapsed() / 1000);
    } else {
      deps.log.warn({ ...meta, durationMs: elapsed() }, "job finished after its claim was lost; not recorded");
      deps.observe?.(job.name, "lost", elapsed() / 1000);
    }
  } catch (err) {
    const outcome = await recordFailure(deps, job, claim, err, { ...meta, durationMs: elapsed() });
    deps.observe?.(job.name, outcome, elapsed() / 1000);
  }
}

async function recordFailure(
  deps: AttemptDeps,
  job: Job,
  claim: Claim,
  err: unknown,
  meta: object,
): Promise<JobOutcome> {
  if (err instanceof JobLeaseLostError) {
    deps.log.warn(meta, "job stopped: claim lost (cancelled or taken over)");
    return "lost";
  }
  if (err instanceof JobInterruptedError) {
    const released = await releaseJob(deps.db, claim, deps.now()).catch(() => false);
    // Not released (the database is away): its lease expires and another runner takes it then.
    deps.log.info({ ...meta, released }, "job stopped after a step for the shutdown; queued again");
    return "interrupted";
  }
  const permanent = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
  const now = deps.now();
  const retryAt = permanent ? null : new Date(now.getTime() + deps.backoffMs(job.attempts));
  const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  try {
    await failAttempt(deps.db, claim, { now, error, retryAt });
  } catch (dbErr) {
    // The lease will expire and the job will be taken again: at-least-once still holds.
    deps.log.error({ ...meta, err: dbErr }, "job failure not recorded");
    return "failed";
  }
  if (retryAt) deps.log.warn({ ...meta, err, retryAt }, "job attempt failed; will retry");
  else deps.log.error({ ...meta, err }, "job failed");
  return "failed";
}

function context(deps: AttemptDeps, job: Job, claim: Claim, leaseMs: number): JobContext {
  let lastWrite = -Infinity;
  const extend = async (progress?: { done: number; total: number; message?: string }) => {
    if (!(await extendLease(deps.db, claim, { now: deps.now(), leaseMs, ...(progress ? { progress } : {}) }))) {
      throw new JobLeaseLostError(job.id);
    }
    lastWrite = performance.now();
  };
  return {
    job,
    get stopping() {
      return deps.stopping();
    },
    heartbeat: () => extend(),
    progress: async (done, total, message) => {
      if (!Number.isFinite(done) || !Number.isFinite(total)) throw new RangeError("progress needs finite numbers");
      if (done < total && performance.now() - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      await extend(message === undefined ? { done, total } : { done, total, message });
    },
  };
}
