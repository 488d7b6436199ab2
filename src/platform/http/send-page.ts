import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { renderDocument } from "../render/render-page.js";

/**
 * Sends a rendered page. Public pages may be cached briefly by browsers and for longer by a CDN,
 * which may serve a stale copy while it revalidates; Surrogate-Key lets a purge target them.
 */
export function sendPage(
  reply: FastifyReply,
  page: VNode<any>,
  options: { status?: number; cache?: "public" | "private"; surrogateKeys?: string[] } = {},
): FastifyReply {
  const html = renderDocument(page);
  reply
    .status(options.status ?? 200)
    .header("content-type", "text/html; charset=utf-8")
    .header(
      "cache-control",
      options.cache === "private"
        ? "private, no-store"
        : "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
    );
  if (options.surrogateKeys?.length) reply.header("surrogate-key", options.surrogateKeys.join(" "));
  return reply.send(html);
}
