import type { FastifyInstance } from "fastify";
import { BannerBoard } from "./banner/banner-board.js";
import { bannerTopic } from "./banner/banner-setup.js";
import { bannerEffects } from "./banner/banner.service.js";
import type { Db } from "./database.js";
import { type LiveHub, SITE_TOPIC } from "./live/live-hub.js";
import { createLiveHub } from "./live/live-setup.js";
import type { PageLayer } from "./pages/page-layer.js";
import { PageSlots } from "./pages/page-slot.js";
import type { Bus } from "./platform/bus/bus.js";

// What open pages hear without reloading: the live blogs' streams and the breaking-news banner on
// the hub's site-wide topic (docs/adr/028, 035).

export interface LiveSetup {
  db: Db;
  timeZone: string;
  now: () => Date;
  bus: Bus;
  pages: PageLayer;
  /** Made by the caller (server.ts, to end streams first on shutdown), else here. */
  live?: LiveHub | undefined;
  banner?: BannerBoard | undefined;
}

export async function startLive(app: FastifyInstance, deps: LiveSetup) {
  const { pages } = deps;
  const banner = deps.banner ?? new BannerBoard(deps.db, deps.now);
  const live =
    deps.live ??
    createLiveHub({
      bus: deps.bus,
      db: deps.db,
      timeZone: deps.timeZone,
      pages,
      log: app.log,
      site: bannerTopic(banner, pages, app.log),
    });
  // The banner goes into pages at send time (pages/page-slot.ts), never into the stored pages.
  pages.slots = new PageSlots(banner.fill);
  await banner
    .load()
    .catch((err: unknown) => app.log.warn({ err }, "banner not read at start; the next change reads it"));
  const bannerChanged = bannerEffects({
    board: banner,
    pages,
    announce: () => live.announce({ articleId: SITE_TOPIC, rev: banner.rev }),
  });
  // Open streams never end by themselves: they are ended before the server waits for its connections.
  app.addHook("preClose", async () => live.close());
  return { live, banner, bannerChanged };
}
