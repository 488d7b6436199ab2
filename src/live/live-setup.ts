import type { Db } from "../database.js";
import type { PageLayer } from "../pages/page-layer.js";
import { pageTags } from "../pages/page-tags.js";
import type { Bus } from "../platform/bus/index.js";
import { type LiveEvent, LiveHub, SITE_TOPIC } from "./live-hub.js";
import { liveChangesReader } from "./live-present.js";

/**
 * The process's live hub on the bus: it reads changes from the database and renders them in the
 * newsroom's time zone, and drops this process's cached live pages for a change made in any process.
 */
export function createLiveHub(deps: {
  bus: Bus;
  db: Db;
  timeZone: string;
  pages: Pick<PageLayer, "cache">;
  log?: { warn: (obj: object, msg: string) => void };
  heartbeatMs?: number;
  /** The site-wide channel (the banner): its events after a rev, and what a change heard does here. */
  site?: { changesSince(rev: number): Promise<LiveEvent[]>; onChange(): void };
}): LiveHub {
  const live = liveChangesReader(deps.db, deps.timeZone);
  const site = deps.site;
  return new LiveHub({
    bus: deps.bus,
    changesSince: (id, rev) =>
      id === SITE_TOPIC ? (site ? site.changesSince(rev) : Promise.resolve([])) : live(id, rev),
    onChange: (articleId) =>
      articleId === SITE_TOPIC ? site?.onChange() : deps.pages.cache?.invalidate([pageTags.live(articleId)]),
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
  });
}
