import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { PageDeps } from "../pages/page-deps.js";
import { servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { notFound } from "../platform/errors.js";
import { openEventStream, readResumePoint, sseEvent } from "../platform/http/event-stream.js";
import { parseInput } from "../platform/http/parse-input.js";
import type { LiveHub } from "./live-hub.js";
import { presentChanges } from "./live-present.js";
import { findPublicLiveBlog, listLatestChanges } from "./live.queries.js";

// What an open live blog page listens to (docs/adr/028): a Server-Sent Events stream, and for
// readers whose network cannot hold one open, a small JSON of the latest changes that the page
// cache keeps (tagged with the live blog alone) and every entry drops.

/** How many changes the polling JSON carries; a reader further behind reloads the page. */
export const POLL_CHANGES = 20;
/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 3_000;

const params = z.strictObject({
  articleId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

export const liveStreamPath = (articleId: number) => `/live/${articleId}/events`;
export const livePollPath = (articleId: number) => `/live/${articleId}/updates.json`;

export function registerLiveStreamRoutes(app: FastifyInstance, deps: PageDeps, hub: LiveHub): void {
  app.get("/live/:articleId/events", async (req, reply) => {
    const { articleId } = parseInput(params, req.params);
    const resumeAt = readResumePoint(req);
    const blog = await findPublicLiveBlog(deps.db, articleId);
    if (!blog) throw notFound("Live blog");
    // A number from the future (a restored database) counts as now.
    const from = Math.min(resumeAt ?? blog.rev, blog.rev);
    const stream = openEventStream(req, reply, RETRY_MS);
    if (blog.status === "closed") {
      stream.end(sseEvent("status", { status: "closed" }));
      return;
    }
    // The hub remembers in `lastSent` what this stream has had.
    const detach = hub.attach(articleId, Object.assign(stream, { lastSent: from }), blog.rev);
    stream.onClose(detach);
  });

  app.get("/live/:articleId/updates.json", async (req, reply) => {
    const { articleId } = parseInput(params, req.params);
    return servePage(deps, req, reply, { key: livePollPath(articleId) }, async (page) => {
      page.tag(pageTags.live(articleId));
      const blog = await findPublicLiveBlog(deps.db, articleId);
      if (!blog) throw notFound("Live blog");
      const changes = await presentChanges(
        deps.db,
        deps.config.timeZone,
        await listLatestChanges(deps.db, articleId, POLL_CHANGES),
      );
      return {
        body: JSON.stringify({ rev: blog.rev, status: blog.status, changes }),
        contentType: "application/json; charset=utf-8",
      };
    });
  });
}
