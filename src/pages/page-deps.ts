import type { Db } from "../database.js";
import type { Config } from "../platform/config.js";
import { FRAME_RAIL, type PageLayer } from "./page-layer.js";
import type { SiteAssets, SiteContext } from "./site-context.js";

export interface PageDeps {
  db: Db;
  /** Where long reads go (search): SQLite's read threads, so they do not hold the event loop; else `db`. */
  reader: Db;
  config: Config;
  assets: SiteAssets;
  now: () => Date;
  /** Page views, counted in memory and written in batches (discovery/view-counter.ts). */
  views: { record(articleId: number, userAgent: string | undefined): void };
  /** The audience desk: a newsletter sign-up made on the page at `path` (audience/audience-counter.ts). */
  audience?: { signup(path: string): void };
  /** The cache, the rails and the invalidation every page goes through. */
  pages: PageLayer;
}

/** The frame of a page: the site's settings and the frame rail. */
export function siteContext(deps: PageDeps, currentSection?: string): SiteContext {
  return {
    name: deps.config.siteName,
    tagline: deps.config.tagline,
    siteUrl: deps.config.siteUrl,
    timeZone: deps.config.timeZone,
    now: deps.now(),
    sections: deps.pages.rails.get(FRAME_RAIL).sections,
    assets: deps.assets,
    ...(currentSection !== undefined ? { currentSection } : {}),
  };
}

/** The frame, loading the rails first if no page has yet. */
export async function loadSiteContext(deps: PageDeps, currentSection?: string): Promise<SiteContext> {
  await deps.pages.rails.ready();
  return siteContext(deps, currentSection);
}
