import type { Db } from "../database.js";
import { zonedIsoDate } from "../platform/time.js";
import { type Range, type SourceCounts, type Referrer, sourceCounts, topReferrers, totals } from "./figures.queries.js";
import { type SeriesPoint, dailySeries, hourlySeries } from "./overview.js";
import { addDays, daysBetween } from "./periods.js";

// One story's figures (GET /api/newsroom/analytics/articles/:id): totals, sources and views over
// time since publication, and how it stands against its section's median story of the same age.

export interface ArticleFigures {
  id: number;
  headline: string;
  publishedAt: string | null;
  from: string;
  to: string;
  views: number;
  visitors: number;
  engagedSeconds: number;
  engagedPerVisitor: number;
  signups: number;
  sources: SourceCounts;
  referrers: Referrer[];
  series: SeriesPoint[];
  /** The section's median story over the same number of days from its publication. */
  sectionMedian: { views: number; stories: number; days: number } | null;
}

/** Stories compared at most: the section's latest ones old enough to compare. */
const COMPARED = 50;

export async function loadArticleFigures(
  db: Db,
  article: { id: number; headline: string; section_id: number; published_at: string | null },
  options: { from?: string | undefined; to?: string | undefined; now: Date; timeZone: string },
): Promise<ArticleFigures> {
  const tz = options.timeZone;
  const today = zonedIsoDate(options.now, tz);
  const published = article.published_at ? new Date(article.published_at) : null;
  const from = options.from ?? (published ? zonedIsoDate(published, tz) : addDays(today, -29));
  const to = options.to ?? today;
  const range: Range = { from, to, today };
  // A story's first two days are watched hour by hour; after that, by the day.
  const hourly =
    from === to || (!options.from && published && options.now.getTime() - published.getTime() < 48 * 3600_000);
  const [sum, sources, referrers, series, sectionMedian] = await Promise.all([
    totals(db, range, article.id),
    sourceCounts(db, range, article.id),
    topReferrers(db, range, 10, article.id),
    hourly
      ? Promise.all(daysBetween(from, to).map((day) => hourlySeries(db, day, tz, article.id))).then((d) => d.flat())
      : dailySeries(db, range, article.id),
    published ? medianOfSection(db, article, published, today, tz) : Promise.resolve(null),
  ]);
  return {
    id: article.id,
    headline: article.headline,
    publishedAt: article.published_at,
    from,
    to,
    views: sum.views,
    visitors: sum.visitors,
    engagedSeconds: sum.engagedSeconds,
    engagedPerVisitor: sum.engagedPerVisitor,
    signups: sum.signups,
    sources,
    referrers,
    series,
    sectionMedian,
  };
}

/**
 * The median, over the section's latest stories published at least as long ago as this one, of
 * their views in their first `days` newsroom days (this story's age, its day of publication
 * counted). One query for the candidates, one for their days.
 */
async function medianOfSection(
  db: Db,
  article: { id: number; section_id: number },
  published: Date,
  today: string,
  tz: string,
): Promise<ArticleFigures["sectionMedian"]> {
  const firstDay = zonedIsoDate(published, tz);
  const days = daysBetween(firstDay, today).length;
  const latest = addDays(today, -(days - 1));
  const candidates = await db
    .selectFrom("articles")
    .select(["id", "published_at"])
    .where("section_id", "=", article.section_id)
    .where("status", "=", "published")
    .where("id", "!=", article.id)
    .where("published_at", "is not", null)
    .where("published_at", "<", published.toISOString())
    .orderBy("published_at", "desc")
    .limit(COMPARED * 2)
    .execute();
  const windows = candidates
    .map((c) => {
      const start = zonedIsoDate(new Date(c.published_at!), tz);
      return { id: c.id, start, end: addDays(start, days - 1) };
    })
    .filter((w) => w.start <= latest)
    .slice(0, COMPARED);
  if (windows.length === 0) return null;
  const rows = await db
    .selectFrom("audience_article_days")
    .select(["article_id", "day", "views"])
    .where(
      "article_id",
      "in",
      windows.map((w) => w.id),
    )
    .where(
      "day",
      ">=",
      windows.reduce((m, w) => (w.start < m ? w.start : m), windows[0]!.start),
    )
    .execute();
  const totalsById = new Map(windows.map((w) => [w.id, 0]));
  for (const r of rows) {
    const w = windows.find((x) => x.id === r.article_id);
    if (w && r.day >= w.start && r.day <= w.end) totalsById.set(w.id, totalsById.get(w.id)! + Number(r.views ?? 0));
  }
  const sorted = [...totalsById.values()].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  return { views: median, stories: sorted.length, days };
}
