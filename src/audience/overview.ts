import type { Db } from "../database.js";
import { minuteOf } from "./audience-counter.js";
import {
  type Campaign,
  type Range,
  type Referrer,
  type SourceCounts,
  type Totals,
  sourceCounts,
  topCampaigns,
  topReferrers,
  totals,
  visitorsByDay,
} from "./figures.queries.js";
import { type SectionFigures, type StoryFigures, topSections, topStories } from "./top.queries.js";
import { type Period, bucketOf, daysBetween, hoursOfDay, periodDays } from "./periods.js";
import { zonedDayRange } from "../platform/time.js";

// The Today / 7 days / 30 days screen: one call, a fixed number of queries.

export interface SeriesPoint {
  /** The bucket's start: a UTC minute ("2026-12-07T05:00") by the hour, or a day ("2026-12-07"). */
  t: string;
  label: string;
  views: number;
  /** Daily unique visitors (by the day only; null by the hour). */
  visitors: number | null;
  engagedSeconds: number;
  signups: number;
}

export interface Overview {
  period: Period;
  from: string;
  to: string;
  totals: Totals;
  series: SeriesPoint[];
  sources: SourceCounts;
  referrers: Referrer[];
  campaigns: Campaign[];
  stories: StoryFigures[];
  sections: SectionFigures[];
}

/** Views, engaged seconds and sign-ups by the hour of one newsroom day, from the minute rollups. */
export async function hourlySeries(db: Db, day: string, tz: string, articleId?: number): Promise<SeriesPoint[]> {
  const hours = hoursOfDay(day, tz);
  const { start, end } = zonedDayRange(day, tz);
  // The site's own minute rollup (one row a minute), or one article's rows. The cast only tells
  // Kysely that both tables have the columns read here.
  let q = db
    .selectFrom((articleId === undefined ? "audience_site_minutes" : "audience_minutes") as "audience_minutes")
    .select((eb) => [
      "minute",
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .where("minute", ">=", minuteOf(start))
    .where("minute", "<", minuteOf(end))
    .groupBy("minute");
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  const points = hours.map((h) => ({
    t: h.start,
    label: h.label,
    views: 0,
    visitors: null,
    engagedSeconds: 0,
    signups: 0,
  }));
  for (const r of await q.execute()) {
    const p = points[bucketOf(r.minute, hours)];
    if (!p) continue;
    p.views += Number(r.views ?? 0);
    p.engagedSeconds += Number(r.engaged ?? 0);
    p.signups += Number(r.signups ?? 0);
  }
  return points;
}

export async function dailySeries(db: Db, range: Range, articleId?: number): Promise<SeriesPoint[]> {
  // The site's day rollup, or the article's (one row a day); the cast as above.
  let q = db
    .selectFrom((articleId === undefined ? "audience_site_days" : "audience_article_days") as "audience_article_days")
    .select((eb) => [
      "day",
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .groupBy("day");
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  const [rows, visitors] = await Promise.all([q.execute(), visitorsByDay(db, articleId ?? -1, range)]);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysBetween(range.from, range.to).map((day) => {
    const r = byDay.get(day);
    return {
      t: day,
      label: day,
      views: Number(r?.views ?? 0),
      visitors: visitors.get(day) ?? 0,
      engagedSeconds: Number(r?.engaged ?? 0),
      signups: Number(r?.signups ?? 0),
    };
  });
}

export async function loadOverview(db: Db, period: Period, now: Date, tz: string): Promise<Overview> {
  const { from, to } = periodDays(period, now, tz);
  const range: Range = { from, to, today: to };
  const [sum, series, sources, referrers, campaigns, stories, sections] = await Promise.all([
    totals(db, range),
    period === "today" ? hourlySeries(db, to, tz) : dailySeries(db, range),
    sourceCounts(db, range),
    topReferrers(db, range, 15),
    topCampaigns(db, range, 10),
    topStories(db, range, 20),
    topSections(db, range, 12),
  ]);
  return { period, from, to, totals: sum, series, sources, referrers, campaigns, stories, sections };
}
