import { loadTodaysRail, TODAYS_RAIL } from "./articles/article.page.js";
import { BRIEFING_RAIL, findLatestBriefing } from "./briefings/briefing.queries.js";
import type { Db } from "./database.js";
import { MOST_READ_RAIL, loadMostReadRail } from "./discovery/most-read.queries.js";
import { FRAME_RAIL, PageLayer } from "./pages/page-layer.js";
import { type PurgeKeys, type PurgeLog, cdnPurger } from "./platform/cache/cdn-purge.js";
import { Rails } from "./pages/rails.js";
import { PageCache } from "./platform/cache/page-cache.js";
import type { Config } from "./platform/config.js";
import { zonedIsoDate } from "./platform/time.js";
import { listSections } from "./sections/section.queries.js";
import { PLAYER_RAIL, findLatestFeaturedVideo } from "./videos/video.queries.js";

/**
 * How often the rails are read again when no write asked: the bound on "most read" and midnight.
 * A write in another process reaches this one through the bus (pages/page-fanout.ts).
 */
export const RAILS_INTERVAL_MS = 30_000;

export interface PageLayerDeps {
  config: Config;
  db: Db;
  now: () => Date;
  log: PurgeLog;
  /** Purges a CDN by key; made from the configuration (CDN_PURGE) when absent. */
  purge?: PurgeKeys | undefined;
}

/** The page layer with every rail's loader and the cache the configuration asks for. */
export function buildPageLayer(deps: PageLayerDeps): PageLayer {
  const { config, db } = deps;
  const purge = deps.purge ?? (config.cdnPurge ? cdnPurger(config.cdnPurge, deps.log) : undefined);
  const rails = new Rails({ now: deps.now, log: deps.log });
  rails.define(FRAME_RAIL, async (now) => ({
    // A section with nothing published (new, or filled by an import of drafts) is not in the navigation.
    sections: await listSections(db, { published: true }),
    day: zonedIsoDate(now, config.timeZone),
  }));
  rails.define(TODAYS_RAIL, loadTodaysRail(db, config.timeZone));
  rails.define(MOST_READ_RAIL, loadMostReadRail(db));
  rails.define(BRIEFING_RAIL, () => findLatestBriefing(db));
  rails.define(PLAYER_RAIL, () => findLatestFeaturedVideo(db));
  return new PageLayer({
    cache: config.pageCacheBytes > 0 ? new PageCache({ maxBytes: config.pageCacheBytes, log: deps.log }) : undefined,
    rails,
    purge,
    // A CDN keeps pages for a day when our writes purge it; without a purge, only a few seconds.
    cdnMaxAgeSeconds: purge ? 86_400 : 5,
    log: deps.log,
  });
}
