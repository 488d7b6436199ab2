import type { Db } from "../database.js";
import { listSections } from "../sections/section.queries.js";
import type { SiteAssets, SiteContext } from "./site-context.js";
import type { Config } from "../platform/config.js";
import type { ViewCounter } from "../discovery/view-counter.js";

export interface PageDeps {
  db: Db;
  config: Config;
  assets: SiteAssets;
  now: () => Date;
  /** Page views, counted in memory and written in batches (discovery/view-counter.ts). */
  views: ViewCounter;
}

export async function loadSiteContext(deps: PageDeps, currentSection?: string): Promise<SiteContext> {
  return {
    name: deps.config.siteName,
    tagline: deps.config.tagline,
    siteUrl: deps.config.siteUrl,
    timeZone: deps.config.timeZone,
    now: deps.now(),
    sections: await listSections(deps.db),
    assets: deps.assets,
    ...(currentSection !== undefined ? { currentSection } : {}),
  };
}
