import type { LiveEvent } from "../live/live-hub.js";
import type { PageLayer } from "../pages/page-layer.js";
import type { BannerBoard } from "./banner-board.js";
import { bannerChanges } from "./banner.routes.js";
import { BANNER_TAG } from "./banner.service.js";

/**
 * The banner as the live hub's site-wide topic: its events, and what a change heard on the bus
 * (from any process) does here: read the new state, then drop this process's cached banner JSON
 * (after the read, so the JSON is not stored again from the old state).
 */
export function bannerTopic(
  board: BannerBoard,
  pages: Pick<PageLayer, "cache">,
  log?: { warn: (obj: object, msg: string) => void },
): { changesSince(rev: number): Promise<LiveEvent[]>; onChange(): void } {
  return {
    changesSince: bannerChanges(board),
    onChange: () =>
      void board
        .load()
        .then(() => pages.cache?.invalidate([BANNER_TAG]))
        .catch((err: unknown) => log?.warn({ err }, "banner not read after a change; the next change reads it")),
  };
}
