import type { ArticleSummary } from "../articles/article.js";
import {
  listLatestPerSection,
  listPublishedArticles,
  listPublishedArticlesByIds,
} from "../articles/article.queries.js";
import { TODAYS_RAIL } from "../articles/article.page.js";
import { BRIEFING_RAIL } from "../briefings/briefing.queries.js";
import { PLAYER_RAIL } from "../videos/video.queries.js";
import { MOST_READ, MOST_READ_RAIL, withNewest } from "../discovery/most-read.queries.js";
import type { PageDeps } from "../pages/page-deps.js";
import type { PageContext } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import type { HomePageData } from "./views/HomePage.js";

const TOP_STORIES = 6;
// A section block is its lead with a picture and four more beside it: a full 2 + 2 × 2 grid.
const PER_SECTION = 5;
/**
 * Today's headlines in the front's rail: as many as the column beside the lead and the second tier
 * holds on a wide screen (measured on the demo at 1280–1920 px, docs/screenshots/); the rest run on
 * as "More of today's headlines" below the section blocks, so the rail never outruns its column.
 */
export const FRONT_RAIL_HEADLINES = 9;

export interface FrontPins {
  lead?: ArticleSummary;
  top: ArticleSummary[];
}

/**
 * The editors' choices first: their pinned lead, then their top stories in their order. What
 * they left open fills itself: the lead is the newest story with a picture from the last day's
 * news, so the front opens on an image; the other top stories follow in publication order.
 */
export function arrangeFront(
  latest: ArticleSummary[],
  now: Date,
  pins: FrontPins = { top: [] },
): { lead: ArticleSummary | undefined; top: ArticleSummary[] } {
  const dayAgo = now.getTime() - 24 * 3600 * 1000;
  const pinnedIds = new Set([pins.lead, ...pins.top].flatMap((a) => (a ? [a.id] : [])));
  const open = latest.filter((a) => !pinnedIds.has(a.id));
  const lead = pins.lead ?? open.find((a) => a.hero && a.publishedAt.getTime() >= dayAgo) ?? open[0] ?? pins.top[0];
  const top = [...pins.top, ...open].filter((a) => a.id !== lead?.id).slice(0, TOP_STORIES);
  return { lead, top };
}

/**
 * A section block opens on its newest story with a picture (a block of text alone reads as a
 * list), then the others newest first.
 */
export function leadWithPicture(articles: ArticleSummary[]): ArticleSummary[] {
  const lead = articles.find((a) => a.hero) ?? articles[0];
  return lead ? [lead, ...articles.filter((a) => a !== lead)] : [];
}

/** The editors' pinned front page: position 0 is the lead, then the top stories in order. */
export async function loadFrontPins(db: PageDeps["db"]): Promise<FrontPins> {
  const rows = await db.selectFrom("front_page").select(["position", "article_id"]).orderBy("position").execute();
  if (rows.length === 0) return { top: [] };
  const articles = new Map(
    (
      await listPublishedArticlesByIds(
        db,
        rows.map((r) => r.article_id),
      )
    ).map((a) => [a.id, a]),
  );
  const lead = rows.find((r) => r.position === 0);
  return {
    ...(lead && articles.has(lead.article_id) ? { lead: articles.get(lead.article_id)! } : {}),
    top: rows.filter((r) => r.position > 0).flatMap((r) => articles.get(r.article_id) ?? []),
  };
}

/** The front page: the editors' choices, the newest stories, each section's newest, and the rails. */
export async function loadHomePage(deps: PageDeps, page: PageContext): Promise<HomePageData> {
  const { db } = deps;
  const site = page.site("");
  const [latest, pins] = await Promise.all([listPublishedArticles(db, { limit: 12 }), loadFrontPins(db)]);
  const { lead, top } = arrangeFront(latest, site.now, pins);
  const onFront = [lead, ...top].flatMap((a) => (a ? [a.id] : []));
  const perSection = await listLatestPerSection(
    db,
    site.sections.map((s) => s.id),
    PER_SECTION,
    onFront,
  );
  // The newest stories fill Most read when few were read, so each of them is shown too.
  const shown = [...latest, ...top, ...(lead ? [lead] : []), ...[...perSection.values()].flat()];
  page.tag(
    pageTags.latest,
    pageTags.front,
    ...site.sections.map((s) => pageTags.sectionList(s.slug)),
    ...shown.map((a) => pageTags.article(a.id)),
    ...shown.map((a) => a.hero && pageTags.media(a.hero.id)),
  );
  const todays = page.rail(TODAYS_RAIL);
  // The featured video plays in its own block on the front (it docks only once the reader starts it).
  const video = page.rail(PLAYER_RAIL) ?? null;
  if (video) page.tag(pageTags.video(video.id), video.poster && pageTags.media(video.poster.id));
  return {
    site,
    lead,
    top,
    sections: site.sections.map((section) => ({
      section,
      articles: leadWithPicture(perSection.get(section.id) ?? []),
    })),
    mostRead: withNewest(page.rail(MOST_READ_RAIL), latest, MOST_READ),
    todays: todays.slice(0, FRONT_RAIL_HEADLINES),
    moreTodays: todays.slice(FRONT_RAIL_HEADLINES),
    briefing: page.rail(BRIEFING_RAIL),
    video: video?.available === false ? null : video,
  };
}
