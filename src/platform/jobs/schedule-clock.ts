import { sql } from "kysely";
import type { Cron } from "croner";
import { insertJob } from "./job.queries.js";
import type { JobsDb } from "./job.table.js";
import type { JobLogger } from "./job-logger.js";
import {
  type Schedule,
  compileSchedule,
  latestOccurrence,
  nextOccurrence,
  occurrenceKey,
  scheduleKey,
} from "./schedule.js";

/**
 * One schedule inside a runner: remembers up to when occurrences are accounted for and enqueues
 * the latest occurrence since then. The idempotency key `key@fireTime` makes every runner, and
 * every restart, agree on one job per occurrence.
 */
export class ScheduleClock {
  private readonly cron: Cron;
  /** Occurrences up to this time are enqueued (or were deliberately skipped). */
  private since: Date | undefined;
  private nextDue: Date | null | undefined;

  /**
   * `notBefore`: a schedule that appeared or changed while the runner was running counts from the
   * moment it was last known not to exist in this form, never from older history.
   */
  constructor(
    readonly schedule: Schedule,
    private readonly notBefore?: Date,
  ) {
    this.cron = compileSchedule(schedule);
  }

  async enqueueDue(db: JobsDb, now: Date, log: JobLogger): Promise<void> {
    const { name } = this.schedule;
    const key = scheduleKey(this.schedule);
    try {
      if (this.since === undefined) {
        // At start-up, catch up from the last occurrence any runner enqueued: only the latest missed
        // occurrence runs (a morning newsletter is sent once, not once per day missed). With no
        // history at all (a first deployment), nothing from the past is enqueued.
        const history = await lastEnqueuedOccurrence(db, name, key);
        this.since = this.notBefore
          ? new Date(Math.max(this.notBefore.getTime(), history?.getTime() ?? 0))
          : (history ?? now);
      }
      if (this.nextDue !== undefined && (this.nextDue === null || now < this.nextDue)) return;
      const fireTime = latestOccurrence(this.cron, this.since, now);
      if (fireTime) {
        const { job, created } = await insertJob(db, name, this.schedule.payload?.(fireTime) ?? {}, {
          key: occurrenceKey(key, fireTime),
          runAt: fireTime,
          now,
          ...(this.schedule.maxAttempts ? { maxAttempts: this.schedule.maxAttempts } : {}),
        });
        if (created) log.info({ job: job.id, name, key, fireTime }, "scheduled job enqueued");
      }
      if (now > this.since) this.since = now;
      this.nextDue = nextOccurrence(this.cron, now);
    } catch (err) {
      log.error({ err, schedule: key }, "schedule not enqueued; trying again at the next poll");
    }
  }
}

async function lastEnqueuedOccurrence(db: JobsDb, name: string, key: string): Promise<Date | undefined> {
  const prefix = `${key}@`;
  // Occurrences are enqueued in time order, so the newest id of the schedule holds the latest.
  const row = await db
    .selectFrom("jobs")
    .select("key")
    .where("name", "=", name)
    .where(sql<string>`substr(key, 1, ${prefix.length})`, "=", prefix)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const at = row?.key ? new Date(row.key.slice(prefix.length)) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}
