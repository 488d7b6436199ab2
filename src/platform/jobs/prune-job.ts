import { z } from "zod";
import { defineJob } from "./job-handler.js";
import type { JobsDatabase } from "./job.table.js";
import { type DbWithJobs, pruneFinishedJobs } from "./job.queries.js";

// The jobs table's own housekeeping, run every night (src/jobs.ts schedules it).

export const PRUNE_JOB = "jobs.prune";

/** Finished jobs are kept this long for the newsroom to read, then removed. */
const JOB_RETENTION_DAYS = 14;

export function pruneJobHandlers<DB extends JobsDatabase>(deps: { db: DbWithJobs<DB>; now: () => Date }) {
  return {
    [PRUNE_JOB]: defineJob({
      schema: z.object({}).passthrough(),
      run: async (_payload, ctx) => {
        const before = new Date(deps.now().getTime() - JOB_RETENTION_DAYS * 86_400_000);
        const removed = await pruneFinishedJobs(deps.db, before);
        await ctx.progress(1, 1, `Removed ${removed} finished job(s) older than ${JOB_RETENTION_DAYS} days.`);
      },
    }),
  };
}
