import type { ArticleSummary } from "../articles/article.js";
import { listHeadlines, listLatestPerSection, listPublishedArticles } from "../articles/article.queries.js";
import { TODAYS_HEADLINES_LIMIT } from "../articles/article.page.js";
import { findLatestBriefing } from "../briefings/briefing.queries.js";
import { startOfZonedDay } from "../platform/time.js";
import { findLatestFeaturedVideo } from "../videos/video.queries.js";
import { listMostRead, withNewest } from "../discovery/most-read.queries.js";
import type { SiteContext } from "./site-context.js";
import type { PageDeps } from "./site.loader.js";
import type { HomePageData } from "./views/HomePage.js";

const TOP_STORIES = 6;
const PER_SECTION = 4;
export const MOST_READ = 5;
export const MOST_READ_HOURS = 24;

/**
 * The lead is the newest story with a picture from the last day's news, so the front opens on an
 * image; the rest of the front follows in publication order. (Editors pin the lead in the newsroom issue.)
 */
export function arrangeFront(
  latest: ArticleSummary[],
  now: Date,
): { lead: ArticleSummary | undefined; top: ArticleSummary[] } {
  const dayAgo = now.getTime() - 24 * 3600 * 1000;
  const lead = latest.find((a) => a.hero && a.publishedAt.getTime() >= dayAgo) ?? latest[0];
  return { lead, top: latest.filter((a) => a !== lead).slice(0, TOP_STORIES) };
}

export async function loadHomePage(deps: PageDeps, site: SiteContext): Promise<HomePageData> {
  const { db } = deps;
  const [latest, todays, briefing, player, mostRead] = await Promise.all([
    listPublishedArticles(db, { limit: 12 }),
    listHeadlines(db, { since: startOfZonedDay(site.now, site.timeZone), limit: TODAYS_HEADLINES_LIMIT }),
    findLatestBriefing(db),
    findLatestFeaturedVideo(db),
    listMostRead(db, new Date(site.now.getTime() - MOST_READ_HOURS * 3600_000), MOST_READ),
  ]);
  const { lead, top } = arrangeFront(latest, site.now);
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
