import type { FastifyReply, FastifyRequest } from "fastify";
import { chooseEncoding, matchesEtag } from "../platform/cache/cached-page.js";
import type { CachedPage } from "../platform/cache/page-store.js";

/**
 * Browsers keep a public page but ask again each time (a 304 when nothing changed costs a few
 * hundred bytes); a CDN keeps it for `cdnSeconds`, long only when our writes can purge it, and
 * finds it by the Surrogate-Key (Fastly) / Cache-Tag (Cloudflare) of each thing it shows.
 */
export function publicCacheHeaders(reply: FastifyReply, cdnSeconds: number, tags: readonly string[]): FastifyReply {
  reply
    .header("cache-control", `public, max-age=0, must-revalidate, s-maxage=${cdnSeconds}`)
    .header("surrogate-control", `max-age=${cdnSeconds}`);
  if (tags.length) reply.header("surrogate-key", tags.join(" ")).header("cache-tag", tags.join(","));
  return reply;
}

/** A stored page: its bytes in the best encoding the client takes, or 304 when its copy is current. */
export function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  state: string,
  cdnSeconds: number,
): FastifyReply {
  publicCacheHeaders(reply, cdnSeconds, page.tags)
    .header("content-type", page.contentType)
    .header("etag", page.etag)
    .header("vary", "Accept-Encoding")
    .header("x-cache", state);
  if (matchesEtag(page, req.headers["if-none-match"])) return reply.code(304).send();
  const encoding = chooseEncoding(page, req.headers["accept-encoding"]);
  if (encoding) reply.header("content-encoding", encoding);
  return reply.send(encoding === "br" ? page.br : encoding === "gzip" ? page.gzip : page.body);
}
