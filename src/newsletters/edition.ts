import type { ArticleSummary } from "../articles/article.js";
import { listPublishedArticles, listPublishedArticlesByIds } from "../articles/article.queries.js";
import { MORNING_HEADLINES, briefingPath, briefingTitle } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { listMostRead } from "../discovery/most-read.queries.js";
import { zonedIsoDate } from "../platform/time.js";
import { arrangeFront, loadFrontPins } from "../site/home.page.js";
import type { Video } from "../videos/video.js";
import { findLatestFeaturedVideo } from "../videos/video.queries.js";

// The Morning Headlines edition: composed at 05:30 from the last 24 hours (the lead and the top
// stories in the front page's order, then the most read, then a few per section), stored as the
// day's briefing (a draft editors can change or hold), sent at 06:00 and published as a page.

export const TOP_IN_EDITION = 6;
export const PER_SECTION_IN_EDITION = 3;
export const DEFAULT_INTRO = "Good morning. Here is what you need to know today, one line each.";

export type ComposeResult =
  | { status: "composed"; briefingId: number; items: number }
  | { status: "exists"; briefingId: number }
  | { status: "empty" };

/**
 * Composes the edition of `editionDate` (today in the newsroom's zone unless given: an editor may
 * compose the next one ahead, docs/adr/031) from the 24 hours before `now`.
 */
export async function composeMorningHeadlines(
  db: Db,
  input: { now: Date; timeZone: string; editionDate?: string },
): Promise<ComposeResult> {
  const editionDate = input.editionDate ?? zonedIsoDate(input.now, input.timeZone);
  const existing = await db
    .selectFrom("briefings")
    .select("id")
    .where("newsletter", "=", MORNING_HEADLINES)
    .where("edition_date", "=", editionDate)
    .executeTakeFirst();
  if (existing) return { status: "exists", briefingId: existing.id };

  const since = new Date(input.now.getTime() - 24 * 3600_000);
  const latest = await listPublishedArticles(db, { since, until: input.now, limit: 200 });
  if (latest.length === 0) return { status: "empty" };

  // The editors' front page counts where its stories are from the last 24 hours.
  const pins = await loadFrontPins(db);
  const recent = (a: ArticleSummary | undefined) => a !== undefined && a.publishedAt.getTime() >= since.getTime();
  const { lead, top } = arrangeFront(latest, input.now, {
    ...(recent(pins.lead) ? { lead: pins.lead! } : {}),
    top: pins.top.filter(recent),
  });
  const chosen: ArticleSummary[] = [lead!, ...top.slice(0, TOP_IN_EDITION - 1)];
  const taken = new Set(chosen.map((a) => a.id));
  // Then what readers read most, then a few from each section so every desk is represented.
  const mostRead = await listMostRead(db, since, 20);
  const byId = new Map(latest.map((a) => [a.id, a]));
  for (const h of mostRead) {
    const a = byId.get(h.id);
    if (a && !taken.has(a.id) && chosen.length < TOP_IN_EDITION + 2) {
      chosen.push(a);
      taken.add(a.id);
    }
  }
  const perSection = new Map<string, number>();
  for (const a of latest) {
    if (taken.has(a.id)) continue;
    const n = perSection.get(a.section.slug) ?? 0;
    if (n >= PER_SECTION_IN_EDITION) continue;
    perSection.set(a.section.slug, n + 1);
    chosen.push(a);
    taken.add(a.id);
  }

  return storeArticleEdition(db, {
    newsletter: MORNING_HEADLINES,
    editionDate,
    intro: DEFAULT_INTRO,
    at: input.now,
    articles: chosen,
  });
}

/**
 * Stores a composed edition of stories (one line each: the standfirst, or the headline) as a draft;
 * when another process stored that day's edition first, that one stands.
 */
export async function storeArticleEdition(
  db: Db,
  input: { newsletter: string; editionDate: string; intro: string; at: Date; articles: ArticleSummary[] },
): Promise<ComposeResult> {
  const at = input.at.toISOString();
  const briefing = await db
    .insertInto("briefings")
    .values({
      newsletter: input.newsletter,
      edition_date: input.editionDate,
      intro: input.intro,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(["newsletter", "edition_date"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!briefing) {
    const row = await db
      .selectFrom("briefings")
      .select("id")
      .where("newsletter", "=", input.newsletter)
      .where("edition_date", "=", input.editionDate)
      .executeTakeFirstOrThrow();
    return { status: "exists", briefingId: row.id };
  }
  await db
    .insertInto("briefing_items")
    .values(
      input.articles.map((a, position) => ({
        briefing_id: briefing.id,
        position,
        article_id: a.id,
        line: a.standfirst || a.headline,
      })),
    )
    .execute();
  return { status: "composed", briefingId: briefing.id, items: input.articles.length };
}

/** An edition's stories in the editors' order, each with its line; stories unpublished since drop out. */
export async function loadEditionStories(
  db: Db,
  briefingId: number,
): Promise<{ article: ArticleSummary; line: string }[]> {
  const items = await db
    .selectFrom("briefing_items")
    .select(["article_id", "line"])
    .where("briefing_id", "=", briefingId)
    .orderBy("position")
    .execute();
  const lines = new Map(items.map((i) => [i.article_id, i.line]));
  const articles = await listPublishedArticlesByIds(
    db,
    items.map((i) => i.article_id),
  );
  return articles.map((article) => ({ article, line: lines.get(article.id) ?? "" }));
}

export interface Edition {
  briefingId: number;
  /** "morning-headlines/2026-11-29": the key deliveries are recorded under. */
  key: string;
  editionDate: string;
  title: string;
  intro: string;
  webPath: string;
  sendStatus: "pending" | "held" | "sending" | "sent";
  lead: { article: ArticleSummary; line: string } | undefined;
  top: { article: ArticleSummary; line: string }[];
  sections: { name: string; items: { article: ArticleSummary; line: string }[] }[];
  video: Video | undefined;
}

/** An edition as the email and the preview show it (stories unpublished since composing drop out). */
export async function loadEdition(
  db: Db,
  input: { editionDate: string; siteName: string; timeZone: string },
): Promise<Edition | undefined> {
  const row = await db
    .selectFrom("briefings")
    .select(["id", "intro", "send_status"])
    .where("newsletter", "=", MORNING_HEADLINES)
    .where("edition_date", "=", input.editionDate)
    .executeTakeFirst();
  if (!row) return undefined;
  const entries = await loadEditionStories(db, row.id);
  const [lead, ...rest] = entries;
  const top = rest.slice(0, TOP_IN_EDITION - 1);
  const sections = new Map<string, { article: ArticleSummary; line: string }[]>();
  for (const e of rest.slice(TOP_IN_EDITION - 1)) {
    sections.set(e.article.section.name, [...(sections.get(e.article.section.name) ?? []), e]);
  }
  return {
    briefingId: row.id,
    key: `${MORNING_HEADLINES}/${input.editionDate}`,
    editionDate: input.editionDate,
    title: briefingTitle(input.siteName, input.editionDate, input.timeZone),
    intro: row.intro,
    webPath: briefingPath(input.editionDate),
    sendStatus: row.send_status,
    lead,
    top,
    sections: [...sections].map(([name, list]) => ({ name, items: list })),
    video: await findLatestFeaturedVideo(db),
  };
}
