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
