import { Cron } from "croner";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { zonedDayRange, zonedIsoDate } from "../platform/time.js";
import { type ComposeResult, composeMorningHeadlines } from "./edition.js";

// The next Morning Headlines, composed from the newsroom ahead of its schedule (issue 18,
// docs/adr/031): the edition of the day of the newsletter's next send time, from the stories of the
// 24 hours before the editor pressed Compose. At 05:30 on that day the compose job finds it
// composed and leaves it as the editors made it; the send job sends it at the send time.

/** Runs looked at for a day whose edition is still to send (a day's edition already sent is skipped). */
const RUNS_AHEAD = 7;

export interface ScheduleRow {
  send_cron: string | null;
  status: "active" | "paused";
}

export async function findNewsletterSchedule(db: Db, slug: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom("newsletters").select(["send_cron", "status"]).where("slug", "=", slug).executeTakeFirst();
}

/**
 * The date of the next edition: the day (in the newsroom's zone) of the next send time whose day
 * has no edition that has begun to go. Undefined when the newsletter has no send time.
 */
export async function nextEditionDate(
  db: Db,
  input: { slug: string; sendCron: string | null; now: Date; timeZone: string },
): Promise<string | undefined> {
  if (!input.sendCron) return undefined;
  const cron = new Cron(input.sendCron, { paused: true, timezone: input.timeZone });
  const runs = cron.nextRuns(RUNS_AHEAD, input.now);
  const dates = [...new Set(runs.map((r) => zonedIsoDate(r, input.timeZone)))];
  if (dates.length === 0) return undefined;
  const gone = await db
    .selectFrom("briefings")
    .select("edition_date")
    .where("newsletter", "=", input.slug)
    .where("edition_date", "in", dates)
    .where("send_status", "in", ["sending", "sent"])
    .execute();
  const goneDates = new Set(gone.map((g) => g.edition_date.slice(0, 10)));
  return dates.find((d) => !goneDates.has(d));
}

/**
 * When an edition of `editionDate` goes by its newsletter's schedule: the first send time on that
 * day that is still ahead of `now`; null when the newsletter is paused or unscheduled, or that day's
 * send times have passed.
 */
export function editionSendsAt(
  schedule: ScheduleRow | undefined,
  editionDate: string,
  now: Date,
  timeZone: string,
): string | null {
  if (!schedule?.send_cron || schedule.status !== "active") return null;
  const { start, end } = zonedDayRange(editionDate, timeZone);
  const from = new Date(Math.max(start.getTime() - 1, now.getTime()));
  const run = new Cron(schedule.send_cron, { paused: true, timezone: timeZone }).nextRun(from);
  return run && run.getTime() < end.getTime() ? run.toISOString() : null;
}

export type NextEditionResult = Exclude<ComposeResult, { status: "empty" }> & { editionDate: string };

/** Composes (or finds) the next Morning Headlines. Errors say why there is nothing to compose. */
export async function composeNextMorningHeadlines(
  db: Db,
  input: { now: Date; timeZone: string },
): Promise<NextEditionResult> {
  const schedule = await findNewsletterSchedule(db, MORNING_HEADLINES);
  const editionDate = await nextEditionDate(db, {
    slug: MORNING_HEADLINES,
    sendCron: schedule?.send_cron ?? null,
    now: input.now,
    timeZone: input.timeZone,
  });
  if (!editionDate) {
    throw new AppError("CONFLICT", "The Morning Headlines has no send time: give it one before composing an edition");
  }
  const result = await composeMorningHeadlines(db, { ...input, editionDate });
  if (result.status === "empty") {
    throw new AppError("CONFLICT", "Nothing was published in the last 24 hours: there is nothing to compose yet");
  }
  return { ...result, editionDate };
}
