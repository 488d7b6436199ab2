import type { z } from "zod";
import type { Job } from "./job.js";

/** What a running handler gets besides its payload. */
export interface JobContext {
  /** The job as claimed (attempts counts this attempt). */
  job: Job;
  /** Extends the lease. Throws JobLeaseLostError if the job was cancelled or taken by another runner. */
  heartbeat(): Promise<void>;
  /**
   * Records progress for the admin screen and extends the lease, like heartbeat(). Writes at most
   * about once a second; the final report (done ≥ total) is always written.
   */
  progress(done: number, total: number, message?: string): Promise<void>;
  /**
   * True once the runner is stopping (SIGTERM): a handler made of steps ends after the current one
   * by throwing `JobInterruptedError`, and the job goes back to the queue for another runner at once,
   * without counting the attempt. A handler that never looks runs to its end.
   */
  readonly stopping: boolean;
}

export interface JobHandler<S extends z.ZodType = z.ZodType> {
  /** Validates the payload once, before run; a payload that fails fails the job without retry. */
  schema: S;
  /**
   * Does the work. May run more than once for one job (a retry after an error, or another runner
   * taking over after a crash): make its effects idempotent (see docs/adr/007).
   */
  run(payload: z.output<S>, context: JobContext): Promise<void>;
  /** Lease for this handler, if it differs from the runner's (long steps between heartbeats). */
  leaseMs?: number;
}

/** Types a handler from its schema: `defineJob({ schema: z.object({ id: z.number() }), run })`. */
export function defineJob<S extends z.ZodType>(handler: JobHandler<S>): JobHandler<S> {
  return handler;
}

/** Thrown by heartbeat/progress when the claim is gone: the handler should stop without effects. */
export class JobLeaseLostError extends Error {
  constructor(jobId: number) {
    super(`Job ${jobId} is no longer held by this runner (cancelled, or its lease expired and another runner took it)`);
    this.name = "JobLeaseLostError";
  }
}

/** Throw from a handler for an error no retry can fix: the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** Thrown by a handler that ended early because its runner is stopping: the job is queued again as it was. */
export class JobInterruptedError extends Error {
  constructor(what = "The job") {
    super(`${what} stopped after a step because its runner is shutting down; it is queued again`);
    this.name = "JobInterruptedError";
  }
}
