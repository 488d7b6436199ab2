import type { Db } from "../database.js";
import { precompiled } from "../platform/db/precompiled.js";
import { type RailKey, railKey } from "../pages/rails.js";
import { articlePath } from "../articles/article.js";
import { formatEditionDate, zonedDayRange } from "../platform/time.js";

export const MORNING_HEADLINES = "morning-headlines";

export interface BriefingRef {
  editionDate: string;
  url: string;
  publishedAt: Date;
}

export interface Briefing extends BriefingRef {
  intro: string;
  /** Each item links an article (or, in the Video newsletter, a video): the page shows its headline live. */
  items: { headline: string; url: string; line: string; section: string; articleId?: number; videoId?: number }[];
}

export const briefingPath = (editionDate: string) => `/morning-headlines/${editionDate}`;

const latestBriefing = precompiled((db) =>
  db
    .selectFrom("briefings")
    .select(["edition_date", "published_at"])
    .where("newsletter", "=", MORNING_HEADLINES)
    .where("status", "=", "published")
    .orderBy("edition_date", "desc")
    .limit(1),
);

export async function findLatestBriefing(db: Db): Promise<BriefingRef | undefined> {
  const [row] = await latestBriefing(db, {});
  return row ? toRef(row) : undefined;
}

/** The latest Morning Headlines, beside today's headlines on the home and article pages. */
export const BRIEFING_RAIL: RailKey<BriefingRef | undefined> = railKey<BriefingRef | undefined>("briefing");

function toRef(row: { edition_date: string; published_at: string | null }): BriefingRef {
  return {
    editionDate: row.edition_date,
    url: briefingPath(row.edition_date),
    publishedAt: new Date(row.published_at ?? `${row.edition_date}T06:00:00Z`),
  };
}

export async function listBriefings(db: Db, limit: number, offset: number): Promise<BriefingRef[]> {
  const rows = await db
    .selectFrom("briefings")
    .select(["edition_date", "published_at"])
    .where("newsletter", "=", MORNING_HEADLINES)
    .where("status", "=", "published")
    .orderBy("edition_date", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRef);
}

export async function findBriefingByDate(db: Db, editionDate: string): Promise<Briefing | undefined> {
  return findPublishedEdition(db, MORNING_HEADLINES, editionDate);
}

/** The row of a sent edition that is a page, whatever its items are. */
export function findPublishedBriefingRow(db: Db, newsletter: string, editionDate: string) {
  return db
    .selectFrom("briefings")
    .select(["id", "edition_date", "published_at", "intro"])
    .where("newsletter", "=", newsletter)
    .where("status", "=", "published")
    .where("edition_date", "=", editionDate)
    .executeTakeFirst();
}

/** A sent edition of any newsletter that makes pages (the Morning Headlines, digests), as its page shows it. */
export async function findPublishedEdition(
  db: Db,
  newsletter: string,
  editionDate: string,
): Promise<Briefing | undefined> {
  const row = await findPublishedBriefingRow(db, newsletter, editionDate);
  if (!row) return undefined;
  // Items whose article was since unpublished drop out of the edition page.
  const items = await db
    .selectFrom("briefing_items as i")
    .innerJoin("articles as a", "a.id", "i.article_id")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .where("i.briefing_id", "=", row.id)
    .where("a.status", "=", "published")
    .orderBy("i.position")
    .select(["a.id", "a.slug", "a.headline", "i.line", "s.slug as section_slug", "s.name as section_name"])
    .execute();
  const ref = toRef(row);
  return {
    ...ref,
    url: newsletter === MORNING_HEADLINES ? ref.url : `/newsletters/${newsletter}/${row.edition_date}`,
    intro: row.intro,
    items: items.map((i) => ({
      headline: i.headline,
      url: articlePath(i.section_slug, i.slug),
      line: i.line,
      section: i.section_name,
      articleId: i.id,
    })),
  };
}

/** "London Daily Morning Headlines - Wednesday, May 1 2024". */
export function briefingTitle(siteName: string, editionDate: string, timeZone: string): string {
  return `${siteName} Morning Headlines - ${formatEditionDate(zonedDayRange(editionDate, timeZone).start, timeZone)}`;
}
