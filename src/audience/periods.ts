import { formatTime, zonedDayRange, zonedIsoDate } from "../platform/time.js";
import { minuteOf } from "./audience-counter.js";

// Periods of the audience desk in the newsroom's days (TZ_NEWSROOM), and the hourly buckets of a
// day, which keeps its 23 or 25 hours on a clock change (BST/GMT).

export const PERIODS = ["today", "7d", "30d"] as const;
export type Period = (typeof PERIODS)[number];

/** "2026-03-29" plus n calendar days (negative goes back). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to && out.length < 3700; day = addDays(day, 1)) out.push(day);
  return out;
}

export function periodDays(period: Period, now: Date, tz: string): { from: string; to: string } {
  const to = zonedIsoDate(now, tz);
  return { from: period === "today" ? to : addDays(to, period === "7d" ? -6 : -29), to };
}

export interface HourBucket {
  /** The hour's first UTC minute, "2026-10-25T00:00". */
  start: string;
  /** Local time with the zone, "01:00 BST". */
  label: string;
}

// Making an Intl formatter costs far more than using one: one per zone, kept.
const zoneNames = new Map<string, Intl.DateTimeFormat>();
function zoneNameFormat(tz: string): Intl.DateTimeFormat {
  let f = zoneNames.get(tz);
  if (!f) zoneNames.set(tz, (f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, timeZoneName: "short" })));
  return f;
}

/** The hours of a newsroom day, by their UTC start: 23, 24 or 25 of them. */
export function hoursOfDay(day: string, tz: string): HourBucket[] {
  const { start, end } = zonedDayRange(day, tz);
  const out: HourBucket[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 3600_000) {
    const at = new Date(t);
    const zone = zoneNameFormat(tz)
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    out.push({ start: minuteOf(at), label: `${formatTime(at, tz)}${zone ? ` ${zone}` : ""}` });
  }
  return out;
}

/** The bucket a UTC minute falls in (zones with half-hour offsets included). */
export function bucketOf(minute: string, hours: HourBucket[]): number {
  let index = -1;
  for (let i = 0; i < hours.length && hours[i]!.start <= minute; i++) index = i;
  return index;
}
