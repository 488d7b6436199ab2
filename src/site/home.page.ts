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
const PER_SECTION = 4;

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
  return {
    site,
    lead,
    top,
    sections: site.sections.map((section) => ({ section, articles: perSection.get(section.id) ?? [] })),
    mostRead: withNewest(page.rail(MOST_READ_RAIL), latest, MOST_READ),
    todays,
    briefing: page.rail(BRIEFING_RAIL),
    player: page.rail(PLAYER_RAIL) ?? null,
  };
}
