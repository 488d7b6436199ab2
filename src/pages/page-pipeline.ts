import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderDocument } from "../platform/render/render-page.js";
import type { PageDeps } from "./page-deps.js";
import { siteContext } from "./page-deps.js";
import { type RailKey, railTag } from "./rails.js";
import type { OnServe } from "./fast-path.js";
import { publicCacheHeaders, sendCached } from "./send-cached.js";
import type { SiteContext } from "./site-context.js";
import { fillSlot } from "./page-slot.js";

// The one way a public page is served: route → validate (the route, before calling) → load →
// enhance → render (the build function) → cache → send. The build function's tags are collected
// as it reads: the frame and each rail it shows add theirs, and it adds those of its own data.

/** What a page's build reads through: the frame, the rails, and the tags of what it shows. */
export interface PageContext {
  site(currentSection?: string): SiteContext;
  rail<T>(key: RailKey<T>): T;
  tag(...tags: (string | false | undefined | null)[]): void;
  readonly tags: ReadonlySet<string>;
}

export type PageResult =
  /** A page of the site (rendered as an HTML document); only 200s are cached. */
  | { html: VNode<any>; status?: number; meta?: unknown }
  /** A feed, a sitemap: bytes of a type. */
  | { body: string; contentType: string; meta?: unknown }
  | { redirect: string; status?: 301 | 302 | 308 };

export interface PageSpec {
  /**
   * The cache key, made from the validated input only (so `?utm_source=…` is the same page);
   * none for a page made for one reader (search results, forms, previews): never cached.
   */
  key?: string;
  /** Freshness in the process when time, not a write, changes the page (a "last 48 hours" list). */
  ttlMs?: number;
  /** Called for every answer of this page, from the cache too (a view of an article); one per route. */
  onServe?: OnServe;
}

interface Passed {
  result: PageResult;
  tags: ReadonlySet<string>;
}

export async function servePage(
  deps: PageDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  spec: PageSpec,
  build: (page: PageContext) => Promise<PageResult>,
): Promise<FastifyReply> {
  const { pages } = deps;
  if (!pages.rails.isReady) await pages.rails.ready();
  const cache = spec.key === undefined ? undefined : pages.cache;
  if (!cache || spec.key === undefined) {
    const page = pageContext(deps);
    return sendFresh(req, reply, await build(page), page.tags, spec, deps);
  }
  const outcome = await cache.fetch<Passed>(spec.key, async () => {
    const page = pageContext(deps);
    const result = await build(page);
    if ("redirect" in result || ("html" in result && (result.status ?? 200) !== 200)) {
      return { pass: { result, tags: page.tags } };
    }
    return {
      page: {
        body: "html" in result ? renderDocument(result.html) : result.body,
        contentType: "html" in result ? "text/html; charset=utf-8" : result.contentType,
        tags: page.tags,
        meta: result.meta,
        ...(spec.ttlMs !== undefined ? { ttlMs: spec.ttlMs } : {}),
      },
    };
  });
  if (outcome.kind === "pass") {
    return sendFresh(req, reply, outcome.value.result, outcome.value.tags, spec, deps);
  }
  spec.onServe?.(outcome.page.meta, req.headers["user-agent"]);
  // The next request for this very URL is answered before routing while the page is fresh.
  pages.fastPath?.remember(req.raw.url ?? req.url, spec.key, spec.onServe, req.routeOptions.url);
  // The banner goes in at send time (pages/page-slot.ts): the stored page itself never holds it.
  const sent = pages.slots ? await pages.slots.prepare(outcome.page) : outcome.page;
  return sendCached(req, reply, sent, outcome.state, pages.cdnMaxAgeSeconds);
}

function pageContext(deps: PageDeps): PageContext {
  const tags = new Set<string>();
  const tag = (...more: (string | false | undefined | null)[]) => {
    for (const t of more) if (t) tags.add(t);
  };
  return {
    tags,
    tag,
    site: (currentSection) => {
      tag(railTag("frame"));
      return siteContext(deps, currentSection);
    },
    rail: (key) => {
      tag(railTag(key));
      return deps.pages.rails.get(key);
    },
  };
}

/** A page not taken from the cache: made for one reader, passed through (a redirect), or no cache. */
function sendFresh(
  req: FastifyRequest,
  reply: FastifyReply,
  result: PageResult,
  tags: ReadonlySet<string>,
  spec: PageSpec,
  deps: PageDeps,
) {
  const cdnSeconds = deps.pages.cdnMaxAgeSeconds;
  const document = (html: VNode<any>) => fillSlot(renderDocument(html), deps.pages.slots?.source() ?? null);
  if ("redirect" in result) return reply.redirect(result.redirect, result.status ?? 301);
  if (spec.key === undefined) {
    if ("html" in result)
      return reply
        .status(result.status ?? 200)
        .header("cache-control", "private, no-store")
        .type("text/html; charset=utf-8")
        .send(document(result.html));
    return reply.header("cache-control", "private, no-store").type(result.contentType).send(result.body);
  }
  if ("meta" in result) spec.onServe?.(result.meta, req.headers["user-agent"]);
  reply.headers(publicCacheHeaders(cdnSeconds, [...tags]));
  if ("html" in result)
    return reply
      .status(result.status ?? 200)
      .type("text/html; charset=utf-8")
      .send(document(result.html));
  return reply.type(result.contentType).send(result.body);
}
