import { sql } from "kysely";
import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import type { SourceKind } from "./audience.table.js";

// Reads shared by the audience desk's screens: totals and breakdowns over newsroom days, from the
// day rollups (audience_days) and the day visitor counts, with today's visitors counted live.

export const SOURCE_KINDS: SourceKind[] = ["direct", "internal", "search", "social", "newsletter", "other"];

export interface Totals {
  views: number;
  /** Daily unique visitors, summed over the days of the period. */
  visitors: number;
  engagedSeconds: number;
  /** Engaged seconds per visitor (0 without visitors). */
  engagedPerVisitor: number;
  signups: number;
}

export type SourceCounts = Record<SourceKind, number>;

export interface Range {
  from: string;
  to: string;
  /** Today's date: its visitors are still hashes, counted live. */
  today: string;
}

const n = (v: unknown) => Number(v ?? 0);

/** Daily unique visitors per day for an article (or -1, the site), closed days and today alike. */
export async function visitorsByDay(db: Db, articleId: number, range: Range): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const closed = await db
    .selectFrom("audience_day_visitors")
    .select(["day", "visitors"])
    .where("article_id", "=", articleId)
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .execute();
  for (const r of closed) out.set(r.day, n(r.visitors));
  // Days not yet reduced (today, and yesterday until the roll-up has run) are still hashes.
  const open = await db
    .selectFrom("audience_visitors")
    .select(["day", (eb) => eb.fn.countAll<number>().as("visitors")])
    .where("article_id", "=", articleId)
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .groupBy("day")
    .execute();
  for (const r of open) out.set(r.day, (out.get(r.day) ?? 0) + n(r.visitors));
  return out;
}

export async function totals(db: Db, range: Range, articleId?: number): Promise<Totals> {
  let q = db
    .selectFrom("audience_days")
    .select((eb) => [
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to);
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  const row = await q.executeTakeFirst();
  const visitors = [...(await visitorsByDay(db, articleId ?? -1, range)).values()].reduce((a, b) => a + b, 0);
  const engagedSeconds = n(row?.engaged);
  return {
    views: n(row?.views),
    visitors,
    engagedSeconds,
    engagedPerVisitor: visitors > 0 ? Math.round(engagedSeconds / visitors) : 0,
    signups: n(row?.signups),
  };
}

export async function sourceCounts(db: Db, range: Range, articleId?: number): Promise<SourceCounts> {
  let q = db
    .selectFrom("audience_days")
    .select(["source", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where("source", "!=", "")
    .groupBy("source");
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  const out = Object.fromEntries(SOURCE_KINDS.map((k) => [k, 0])) as SourceCounts;
  for (const r of await q.execute()) if (r.source in out) out[r.source as SourceKind] = n(r.views);
  return out;
}

export interface Referrer {
  kind: SourceKind;
  name: string;
  views: number;
}

/** The named referrers (search engines, networks, sites, newsletter editions), most views first. */
export async function topReferrers(db: Db, range: Range, limit: number, articleId?: number): Promise<Referrer[]> {
  let q = db
    .selectFrom("audience_days")
    .select(["source", "referrer", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where("referrer", "!=", "")
    .groupBy(["source", "referrer"])
    .orderBy("views", "desc")
    .limit(limit);
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  return (await q.execute()).map((r) => ({ kind: r.source as SourceKind, name: r.referrer, views: n(r.views) }));
}

export interface Campaign {
  campaign: string;
  views: number;
}

export async function topCampaigns(db: Db, range: Range, limit: number, articleId?: number): Promise<Campaign[]> {
  let q = db
    .selectFrom("audience_days")
    .select(["campaign", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where("campaign", "!=", "")
    .groupBy("campaign")
    .orderBy("views", "desc")
    .limit(limit);
  if (articleId !== undefined) q = q.where("article_id", "=", articleId);
  return (await q.execute()).map((r) => ({ campaign: r.campaign, views: n(r.views) }));
}

export interface StoryFigures {
  id: number;
  headline: string;
  url: string;
  section: string;
  views: number;
  engagedSeconds: number;
  signups: number;
}

/**
 * The period's most read stories: the top totals first (an index range scan over the days), then
 * the few articles joined, as Most read does.
 */
export async function topStories(db: Db, range: Range, limit: number): Promise<StoryFigures[]> {
  const top = db
    .selectFrom("audience_days")
    .select((eb) => [
      "article_id",
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .where("article_id", ">", 0)
    .groupBy("article_id")
    .orderBy("views", "desc")
    .limit(limit)
    .as("t");
  const rows = await db
    .selectFrom(top)
    .crossJoin("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .whereRef("a.id", "=", "t.article_id")
    .select([
      "a.id",
      "a.headline",
      "a.slug",
      "s.slug as section_slug",
      "s.name as section",
      "t.views",
      "t.engaged",
      "t.signups",
    ])
    .orderBy("t.views", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    url: articlePath(r.section_slug, r.slug),
    section: r.section,
    views: n(r.views),
    engagedSeconds: n(r.engaged),
    signups: n(r.signups),
  }));
}

export interface SectionFigures {
  slug: string;
  name: string;
  views: number;
  engagedSeconds: number;
}

export async function topSections(db: Db, range: Range, limit: number): Promise<SectionFigures[]> {
  const rows = await db
    .selectFrom("audience_days as d")
    .innerJoin("articles as a", "a.id", "d.article_id")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select((eb) => [
      "s.slug",
      "s.name",
      eb.fn.sum<number>("d.views").as("views"),
      eb.fn.sum<number>("d.engaged_seconds").as("engaged"),
    ])
    .where("d.day", ">=", range.from)
    .where("d.day", "<=", range.to)
    .groupBy(["s.slug", "s.name"])
    .orderBy(sql`sum(d.views)`, "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, views: n(r.views), engagedSeconds: n(r.engaged) }));
}
