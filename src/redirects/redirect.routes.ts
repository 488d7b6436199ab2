import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../database.js";
import { mayBeIdAddress, oldPathKey } from "./old-path.js";
import { findRedirectTarget } from "./redirect.queries.js";

// Old addresses of an imported site (docs/adr/034). A normal page never pays for them: a path is
// looked up only once the router or a page has answered 404 (`redirectOld`, called by the app's
// not-found and error handlers), and the one hook runs a query only for a WordPress id address
// (`/?p=123`), which would otherwise be answered by the front page.

export function registerOldAddressHook(app: FastifyInstance, db: Db): void {
  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD") return;
    if (!mayBeIdAddress(req.url) || req.url.startsWith("/api/")) return;
    const key = oldPathKey(req.url);
    const target = key ? await findRedirectTarget(db, key) : undefined;
    if (target) return reply.redirect(target, 301);
  });
}

/** Answers 301 when a request that found nothing is an old address; null when it is none. */
export async function redirectOld(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | null> {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (/^\/(api|newsroom|assets|media)\//.test(req.url)) return null;
  const key = oldPathKey(req.url);
  const target = key ? await findRedirectTarget(db, key).catch(() => undefined) : undefined;
  return target ? reply.redirect(target, 301) : null;
}
