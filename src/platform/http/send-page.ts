import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { renderDocument } from "../render/render-page.js";

/**
 * Sends a rendered page made for this request. Public ones are served through the page layer
 * (src/pages/), which sets their caching headers; what comes here is private or revalidated.
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
    .header("cache-control", options.cache === "private" ? "private, no-store" : "public, max-age=0, must-revalidate");
  if (options.surrogateKeys?.length) reply.header("surrogate-key", options.surrogateKeys.join(" "));
  return reply.send(html);
}
