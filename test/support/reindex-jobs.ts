import type { Database, Db } from "../../src/database.js";
import { REINDEX_JOB } from "../../src/discovery/reindex-job.js";
import { jobHandlers } from "../../src/jobs.js";
import type { PageInvalidator } from "../../src/platform/cache/page-invalidator.js";
import type { Config } from "../../src/platform/config.js";
import { silentLogger } from "../../src/platform/jobs/job-logger.js";
import { JobRunner } from "../../src/platform/jobs/job-runner.js";
import { createMailer } from "../../src/platform/mail/mailer.js";

/**
 * Runs the queued re-index jobs (search entries and related lists after a publication, an Update
 * or a withdrawal) as the server's runner would after the write commits, and waits for them.
 * Returns how many ran. Other jobs stay queued.
 */
export async function runReindexJobs(deps: {
  db: Db;
  config: Config;
  now: () => Date;
  pages?: PageInvalidator;
}): Promise<number> {
  const handlers = await jobHandlers({ ...deps, mailer: createMailer(deps.config) });
  const runner = new JobRunner<Database>({
    db: deps.db,
    handlers: { [REINDEX_JOB]: handlers[REINDEX_JOB] },
    now: deps.now,
    logger: silentLogger,
  });
  let ran = 0;
  for (;;) {
    const due = await deps.db
      .selectFrom("jobs")
      .select("id")
      .where("name", "=", REINDEX_JOB)
      .where("status", "=", "queued")
      .where("run_at", "<=", deps.now().toISOString())
      .execute();
    if (due.length === 0) break;
    await runner.tick();
    await runner.idle();
    ran += due.length;
  }
  const failed = await deps.db
    .selectFrom("jobs")
    .select(["id", "status", "last_error"])
    .where("name", "=", REINDEX_JOB)
    .where("status", "!=", "succeeded")
    .where("last_error", "is not", null)
    .execute();
  if (failed.length) throw new Error(`re-index jobs failed: ${JSON.stringify(failed)}`);
  return ran;
}
