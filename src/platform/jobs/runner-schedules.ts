import type { JobLogger } from "./job-logger.js";
import type { JobsDb } from "./job.table.js";
import { ScheduleClock } from "./schedule-clock.js";
import { type Schedule, scheduleKey } from "./schedule.js";

// A runner's schedules: a fixed list, checked against the handlers at once, or a function asked
// again every `refreshMs` (a newsletter's send time kept in the database changes without a restart).

export class RunnerSchedules {
  private clocks: ScheduleClock[] = [];
  private readonly source: (() => Promise<Schedule[]>) | undefined;
  /** When the schedules function last answered; undefined until it first has. */
  private answeredAt: Date | undefined;

  constructor(
    schedules: Schedule[] | (() => Promise<Schedule[]>) | undefined,
    private readonly handlers: Record<string, unknown>,
    private readonly refreshMs: number,
    private readonly log: JobLogger,
    private readonly runnerId: string,
  ) {
    if (typeof schedules === "function") {
      this.source = schedules;
    } else {
      for (const schedule of schedules ?? []) {
        if (!handlers[schedule.name]) throw new Error(`Schedule ${schedule.name} has no handler of that name`);
      }
      this.clocks = (schedules ?? []).map((schedule) => new ScheduleClock(schedule));
    }
  }

  /** Enqueues every occurrence due at `now` (the last one missed, after a stop), once each. */
  async enqueueDue(db: JobsDb, now: Date): Promise<void> {
    await this.refresh(now);
    for (const clock of this.clocks) await clock.enqueueDue(db, now, this.log);
  }

  /**
   * Asks the schedules function again when it is due: a schedule whose key, pattern and zone are
   * unchanged keeps its clock; a new or changed one counts from the previous answer (it did not
   * exist in this form before then), so an occurrence that fell between the two answers still runs.
   */
  private async refresh(now: Date): Promise<void> {
    if (!this.source) return;
    if (this.answeredAt && now.getTime() - this.answeredAt.getTime() < this.refreshMs) return;
    let fresh: Schedule[];
    try {
      fresh = await this.source();
    } catch (err) {
      this.log.error({ err, runner: this.runnerId }, "schedules not loaded; keeping the ones in force");
      return;
    }
    const identity = (s: Schedule) => `${scheduleKey(s)}\n${s.cron}\n${s.timeZone ?? "UTC"}`;
    const current = new Map(this.clocks.map((clock) => [identity(clock.schedule), clock]));
    const next: ScheduleClock[] = [];
    for (const schedule of fresh) {
      if (!this.handlers[schedule.name]) {
        this.log.error({ schedule: scheduleKey(schedule) }, "schedule has no handler of that name; ignored");
        continue;
      }
      const kept = current.get(identity(schedule));
      try {
        next.push(kept ?? new ScheduleClock(schedule, this.answeredAt));
      } catch (err) {
        this.log.error({ err, schedule: scheduleKey(schedule) }, "schedule ignored: its pattern does not parse");
      }
    }
    this.clocks = next;
    this.answeredAt = now;
  }
}
