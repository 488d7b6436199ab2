import type { FastifyReply, FastifyRequest } from "fastify";
import { chooseEncoding, matchesEtag } from "../platform/cache/cached-page.js";
import type { CachedPage } from "../platform/cache/page-store.js";
import { pageTags } from "./page-tags.js";

/**
 * Browsers keep a public page but ask again each time (a 304 when nothing changed costs a few
 * hundred bytes); a CDN keeps it for `cdnSeconds`, long only when our writes can purge it, and
 * finds it by the Surrogate-Key (Fastly) / Cache-Tag (Cloudflare) of each thing it shows.
 */
export function publicCacheHeaders(cdnSeconds: number, tags: readonly string[]): Record<string, string> {
  const keys = [pageTags.everyPage, ...tags];
  return {
    "cache-control": `public, max-age=0, must-revalidate, s-maxage=${cdnSeconds}`,
    "surrogate-control": `max-age=${cdnSeconds}`,
    "surrogate-key": keys.join(" "),
    "cache-tag": keys.join(","),
  };
}

/** Every header of a stored page's answer but its encoding and length. */
export function cacheHeaders(page: CachedPage, cdnSeconds: number, state: string): Record<string, string> {
  return {
    ...publicCacheHeaders(cdnSeconds, page.tags),
    "content-type": page.contentType,
    etag: page.etag,
    vary: "Accept-Encoding",
    "x-cache": state,
  };
}

/** A stored page: its bytes in the best encoding the client takes, or 304 when its copy is current. */
export function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  state: string,
  cdnSeconds: number,
): FastifyReply {
  reply.headers(cacheHeaders(page, cdnSeconds, state));
  if (matchesEtag(page, req.headers["if-none-match"])) return reply.code(304).send();
  const encoding = chooseEncoding(page, req.headers["accept-encoding"]);
  if (encoding) reply.header("content-encoding", encoding);
  return reply.send(encoding === "br" ? page.br : encoding === "gzip" ? page.gzip : page.body);
}
