import type { ArticleSummary } from "../articles/article.js";
import {
  listTodaysHeadlines,
  listLatestPerSection,
  listPublishedArticles,
  listPublishedArticlesByIds,
} from "../articles/article.queries.js";
import { TODAYS_HEADLINES_LIMIT } from "../articles/article.page.js";
import { findLatestBriefing } from "../briefings/briefing.queries.js";
import { findLatestFeaturedVideo } from "../videos/video.queries.js";
import { listMostRead, withNewest } from "../discovery/most-read.queries.js";
import type { SiteContext } from "./site-context.js";
import type { PageDeps } from "./site.loader.js";
import type { HomePageData } from "./views/HomePage.js";

const TOP_STORIES = 6;
const PER_SECTION = 4;
export const MOST_READ = 5;
export const MOST_READ_HOURS = 24;

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

export async function loadHomePage(deps: PageDeps, site: SiteContext): Promise<HomePageData> {
  const { db } = deps;
  const [latest, todays, briefing, player, mostRead, pins] = await Promise.all([
    listPublishedArticles(db, { limit: 12 }),
    listTodaysHeadlines(db, { now: site.now, timeZone: site.timeZone, limit: TODAYS_HEADLINES_LIMIT }),
    findLatestBriefing(db),
    findLatestFeaturedVideo(db),
    listMostRead(db, new Date(site.now.getTime() - MOST_READ_HOURS * 3600_000), MOST_READ),
    loadFrontPins(db),
  ]);
  const { lead, top } = arrangeFront(latest, site.now, pins);
  const onFront = [lead, ...top].flatMap((a) => (a ? [a.id] : []));
  const perSection = await listLatestPerSection(
    db,
    site.sections.map((s) => s.id),
    PER_SECTION,
    onFront,
  );
  return {
    site,
    lead,
    top,
    sections: site.sections.map((section) => ({ section, articles: perSection.get(section.id) ?? [] })),
    mostRead: withNewest(mostRead, latest, MOST_READ),
    todays,
    briefing,
    player: player ?? null,
  };
}
