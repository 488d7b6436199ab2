import type { FastifyInstance } from "fastify";
import { type LiveEvent, type LiveHub, SITE_TOPIC } from "../live/live-hub.js";
import type { PageDeps } from "../pages/page-deps.js";
import { servePage } from "../pages/page-pipeline.js";
import { openEventStream, readResumePoint, sseEvent } from "../platform/http/event-stream.js";
import type { BannerBoard } from "./banner-board.js";
import { BANNER_TAG } from "./banner.service.js";

// How open pages hear of the banner (docs/adr/035): the site-wide channel of the live blogs' stream
// machinery (live/live-hub.ts, topic 0), and for a page that cannot hold a stream, a tiny JSON the
// page cache keeps until the banner changes (tag "banner") or expires (its freshness ends then).

export const BANNER_EVENTS_PATH = "/banner/events";
export const BANNER_JSON_PATH = "/banner.json";
const RETRY_MS = 3_000;

/** The hub's reader for the site topic: the banner's state as one event, when newer than `since`. */
export function bannerChanges(board: BannerBoard) {
  return async (since: number): Promise<LiveEvent[]> => {
    // A bus message may arrive before this process has read the change: read it now.
    if (board.rev <= since) await board.load();
    const payload = board.payload();
    return payload.rev > since ? [{ rev: payload.rev, text: sseEvent("banner", payload, payload.rev) }] : [];
  };
}

export function registerBannerRoutes(app: FastifyInstance, deps: PageDeps, hub: LiveHub, board: BannerBoard): void {
  app.get(BANNER_EVENTS_PATH, async (req, reply) => {
    const from = Math.min(readResumePoint(req) ?? 0, board.rev);
    const stream = openEventStream(req, reply, RETRY_MS);
    // The hub remembers in `lastSent` what this stream has had.
    const detach = hub.attach(SITE_TOPIC, Object.assign(stream, { lastSent: from }), board.rev);
    stream.onClose(detach);
  });

  app.get(BANNER_JSON_PATH, async (req, reply) => {
    // Kept until the banner changes, or no longer than until it expires.
    const ttlMs = board.expiresInMs();
    const spec = { key: BANNER_JSON_PATH, ...(ttlMs !== undefined ? { ttlMs: Math.max(1_000, ttlMs) } : {}) };
    return servePage(deps, req, reply, spec, async (page) => {
      page.tag(BANNER_TAG);
      return { body: JSON.stringify(board.payload()), contentType: "application/json; charset=utf-8" };
    });
  });
}
