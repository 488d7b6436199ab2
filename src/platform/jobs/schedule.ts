import { Cron } from "croner";

/** A recurring job: at each occurrence of `cron` in `timeZone`, the job `name` is enqueued once. */
export interface Schedule {
  /** The handler's name. */
  name: string;
  /**
   * Names the schedule in each occurrence's idempotency key (`key@fireTimeISO`); default the name.
   * Several schedules of one handler (a send per newsletter) each need their own.
   */
  key?: string;
  /** Five fields (minute precision) or six (seconds first), croner syntax: "0 6 * * *". */
  cron: string;
  /** IANA zone the cron is read in, e.g. "Europe/London" (default UTC). */
  timeZone?: string;
  /** The payload for an occurrence (default {}). */
  payload?: (fireTime: Date) => unknown;
  maxAttempts?: number;
}

export const occurrenceKey = (name: string, fireTime: Date) => `${name}@${fireTime.toISOString()}`;

/** The prefix of a schedule's occurrence keys. */
export const scheduleKey = (schedule: Schedule) => schedule.key ?? schedule.name;

/** Croner reads the pattern; it is never started (paused, no callback), so it owns no timer. */
export function compileSchedule(schedule: Schedule): Cron {
  if (scheduleKey(schedule).includes("@"))
    throw new Error(`Schedule key must not contain '@': ${scheduleKey(schedule)}`);
  return new Cron(schedule.cron, { timezone: schedule.timeZone ?? "UTC", paused: true });
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(cron: Cron, after: Date): Date | null {
  return cron.nextRun(after);
}

// Croner only looks forward. To find the latest occurrence at or before `now`, look forward from
// ever earlier starting points: for any regular pattern each window holds few occurrences.
const WINDOWS_MS = [60_000, 3_600_000, 86_400_000, 8 * 86_400_000, 32 * 86_400_000, 367 * 86_400_000];

/** The latest occurrence in (after, now], or null; looks back at most a year. */
export function latestOccurrence(cron: Cron, after: Date, now: Date): Date | null {
  for (const windowMs of WINDOWS_MS) {
    const from = new Date(Math.max(after.getTime(), now.getTime() - windowMs));
    let latest: Date | null = null;
    for (let t = cron.nextRun(from); t && t.getTime() <= now.getTime(); t = cron.nextRun(t)) latest = t;
    if (latest || from.getTime() === after.getTime()) return latest;
  }
  return null;
}
