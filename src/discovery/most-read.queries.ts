import type { Headline } from "../articles/article.queries.js";
import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import { type RailKey, railKey } from "../pages/rails.js";
import { hourOf } from "./view-counter.js";

/**
 * The most-read published articles since `since`, by counted views: one query. The few top
 * totals are found first and drive the join (CROSS JOIN keeps that order in SQLite's planner);
 * driving from the articles instead would visit the whole archive on every page.
 */
export async function listMostRead(db: Db, since: Date, limit: number): Promise<Headline[]> {
  const totals = db
    .selectFrom("article_views")
    .where("hour", ">=", hourOf(since))
    .groupBy("article_id")
    .select((eb) => ["article_id", eb.fn.sum<number>("views").as("total")])
    .orderBy("total", "desc")
    // Room for a few of the top articles having been unpublished since.
    .limit(limit * 4)
    .as("v");
  const rows = await db
    .selectFrom(totals)
    .crossJoin("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .whereRef("a.id", "=", "v.article_id")
    .where("a.status", "=", "published")
    .select(["a.id", "a.slug", "a.headline", "a.published_at", "s.slug as section_slug", "v.total"])
    .orderBy("v.total", "desc")
    .orderBy("a.published_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: articlePath(r.section_slug, r.slug),
    headline: r.headline,
    publishedAt: new Date(r.published_at!),
  }));
}

/** Most read, topped up with the newest stories while few views have been counted (a new site). */
export function withNewest(mostRead: Headline[], newest: Headline[], limit: number): Headline[] {
  const seen = new Set(mostRead.map((h) => h.id));
  return [...mostRead, ...newest.filter((h) => !seen.has(h.id))].slice(0, limit);
}

export const MOST_READ = 5;
export const MOST_READ_HOURS = 24;

/** The Most read rail: the last day's most viewed stories, reloaded with the other rails. */
export const MOST_READ_RAIL: RailKey<Headline[]> = railKey<Headline[]>("most-read");

export const loadMostReadRail = (db: Db) => (now: Date) =>
  listMostRead(db, new Date(now.getTime() - MOST_READ_HOURS * 3600_000), MOST_READ);
