import { type Expression, type SqlBool, sql } from "kysely";
import type { JobLogger } from "./job-logger.js";
import type { JobsDb } from "./job.table.js";

// Which runners are alive (docs/adr/032). A lease alone makes a killed worker's job wait for the
// lease to run out (a minute for a newsletter send, five for a video), then another minute for the
// edition's own send lease. A started runner writes its row in `job_runners` every few seconds, and
// a row that has not been written for RUNNER_SILENT_MS belongs to a runner that is dead, frozen or
// cut off from the database: its claims are taken over at once. Times are the machine's real clock
// on both sides (not a test's injected one): liveness is about processes, not the jobs' schedule.
// A runner with no row at all (an older version during a rolling deploy, or one a test drives by
// tick()) is never called silent: its jobs keep the lease alone.

/** How often a started runner writes its row. */
export const RUNNER_BEAT_MS = 5_000;
/** A runner whose row is older than this is taken for dead: three beats missed. */
export const RUNNER_SILENT_MS = 15_000;
/** Rows of runners gone this long are removed (by whichever runner beats). */
const FORGET_AFTER_MS = 86_400_000;

/** The ISO time before which a runner's last beat means it is gone. */
export function silentBefore(silentMs = RUNNER_SILENT_MS): string {
  return new Date(Date.now() - silentMs).toISOString();
}

/**
 * The runners that stopped beating before `cutoff` (a subquery for claims), but never `self`: a
 * runner asking is alive, even when its own row is late (a beat queued behind a busy pool), and
 * taking its own running job over would only start a second attempt beside the first.
 */
export function silentRunners(db: JobsDb, cutoff: string, self: string) {
  return db.selectFrom("job_runners").select("id").where("seen_at", "<=", cutoff).where("id", "!=", self);
}

/**
 * True when `holder` (a lease holder written as `<runner id>/<anything>`) belongs to a silent
 * runner other than `self` (the runner asking, alive by asking). Portable SQL: substr, length and
 * || mean the same on SQLite and PostgreSQL.
 */
export function heldBySilentRunner(
  holder: Expression<string | null>,
  cutoff: string,
  self: string | undefined,
): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from job_runners r where r.seen_at <= ${cutoff} and r.id <> ${self ?? ""} and substr(${holder}, 1, length(r.id) + 1) = r.id || '/')`;
}

/** Writes a runner's row while it runs; removes it when the runner stops. */
export class RunnerBeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    private readonly db: JobsDb,
    private readonly id: string,
    private readonly log: JobLogger,
    private readonly beatMs = RUNNER_BEAT_MS,
  ) {}

  async start(): Promise<void> {
    const at = new Date().toISOString();
    await this.db
      .insertInto("job_runners")
      .values({ id: this.id, started_at: at, seen_at: at })
      .onConflict((oc) => oc.column("id").doUpdateSet({ seen_at: at }))
      .execute();
    this.timer = setInterval(() => {
      this.beating = this.beat();
    }, this.beatMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    try {
      await this.db
        .updateTable("job_runners")
        .set({ seen_at: new Date(now).toISOString() })
        .where("id", "=", this.id)
        .execute();
      await this.db
        .deleteFrom("job_runners")
        .where("seen_at", "<", new Date(now - FORGET_AFTER_MS).toISOString())
        .execute();
      if (this.failing) this.log.info({ runner: this.id }, "job runner beat written again");
      this.failing = false;
    } catch (err) {
      // Missed beats past RUNNER_SILENT_MS let another runner take this one's jobs; its own
      // heartbeats then find the claims gone (JobLeaseLostError), so nothing runs twice for long.
      if (!this.failing) this.log.warn({ err, runner: this.id }, "job runner beat not written");
      this.failing = true;
    }
  }

  /** Stops beating and removes the row: this runner claims nothing more. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    await this.db
      .deleteFrom("job_runners")
      .where("id", "=", this.id)
      .execute()
      .catch(() => undefined);
  }
}
