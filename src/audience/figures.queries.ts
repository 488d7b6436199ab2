import type { Db } from "../database.js";
import type { SourceKind } from "./audience.table.js";

// Reads shared by the audience desk's screens: totals and breakdowns over newsroom days, from the
// site's day rollup (or one article's day rows) and the day visitor counts, with today's visitors
// counted live. Visitors over a period are the sum of each day's unique visitors: a reader on two
// days counts twice, since nothing links one day's visitor to the next (docs/adr/029, 037).

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

/**
 * The day rows to read: the site's rollup (a few rows a day) for the whole site, the detailed rows
 * of one article otherwise (its index leads with the article). Both have the columns read here;
 * the cast only tells Kysely so.
 */
function dayRows(db: Db, range: Range, articleId: number | undefined) {
  const q = db
    .selectFrom((articleId === undefined ? "audience_site_days" : "audience_days") as "audience_days")
    .where("day", ">=", range.from)
    .where("day", "<=", range.to);
  return articleId === undefined ? q : q.where("article_id", "=", articleId);
}

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
  const row = await dayRows(db, range, articleId)
    .select((eb) => [
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .executeTakeFirst();
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
  const q = dayRows(db, range, articleId)
    .select(["source", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("source", "!=", "")
    .groupBy("source");
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
  const q = dayRows(db, range, articleId)
    .select(["source", "referrer", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("referrer", "!=", "")
    .groupBy(["source", "referrer"])
    .orderBy("views", "desc")
    .limit(limit);
  return (await q.execute()).map((r) => ({ kind: r.source as SourceKind, name: r.referrer, views: n(r.views) }));
}

export interface Campaign {
  campaign: string;
  views: number;
}

export async function topCampaigns(db: Db, range: Range, limit: number, articleId?: number): Promise<Campaign[]> {
  const q = dayRows(db, range, articleId)
    .select(["campaign", (eb) => eb.fn.sum<number>("views").as("views")])
    .where("campaign", "!=", "")
    .groupBy("campaign")
    .orderBy("views", "desc")
    .limit(limit);
  return (await q.execute()).map((r) => ({ campaign: r.campaign, views: n(r.views) }));
}
