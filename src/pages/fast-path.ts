import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { chooseEncoding, matchesEtag } from "../platform/cache/cached-page.js";
import type { PageCache } from "../platform/cache/page-cache.js";
import type { CachedPage } from "../platform/cache/page-store.js";
import type { PageSlots } from "./page-slot.js";
import { cacheHeaders } from "./send-cached.js";

/** What a page does on every answer besides sending it (count an article's view). */
export type OnServe = (meta: unknown, userAgent: string | undefined) => void;

const MAX_URLS = 100_000;

/**
 * A hit without the framework: the exact URL of a request the pipeline already answered from a
 * stored page is remembered with that page's key, and the next request for it is answered from
 * the HTTP server's own handler, before routing and hooks (the same headers, the security headers
 * included). Anything else (a miss, an expired page, another method) goes the usual way. The URL
 * passed the request guard when it was first served, so skipping the guard changes nothing.
 */
export class FastPath {
  private readonly urls = new Map<string, { key: string; onServe: OnServe | undefined; route: string }>();
  /** Told of each answer with the route's pattern, the status and the seconds it took (metrics). */
  observe: ((route: string, status: number, seconds: number) => void) | undefined;
  /** Per stored page and encoding, its headers as a flat list (Node takes [name, value, …] fastest). */
  private readonly headers = new WeakMap<CachedPage, Record<string, { ok: string[]; notModified: string[] }>>();

  constructor(
    private readonly cache: PageCache,
    private readonly fixedHeaders: Record<string, string>,
    private readonly cdnSeconds: number,
  ) {}

  private stopped = false;
  /** The banner put in at send time; a page whose filled copy is still being made goes the slow way. */
  slots: PageSlots | undefined;

  /**
   * From shutdown on, every request goes through the framework, whose answers then carry
   * `Connection: close` (platform/http/graceful-close.ts).
   */
  stop(): void {
    this.stopped = true;
  }

  remember(url: string, key: string, onServe: OnServe | undefined, route = "(cached page)"): void {
    if (this.urls.has(url)) return;
    // Tracking parameters make endless URLs for one page: past the bound, start again.
    if (this.urls.size >= MAX_URLS) this.urls.clear();
    this.urls.set(url, { key, onServe, route });
  }

  /** Answers the request from a fresh stored page; false when the framework must. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.stopped || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const started = this.observe ? performance.now() : 0;
    const route = this.urls.get(req.url ?? "");
    if (!route) return false;
    const stored = this.cache.fresh(route.key);
    const page = stored && this.slots ? this.slots.ready(stored) : stored;
    if (!page) return false;
    route.onServe?.(page.meta, req.headers["user-agent"]);
    const notModified = matchesEtag(page, req.headers["if-none-match"]);
    const encoding = notModified ? undefined : chooseEncoding(page, req.headers["accept-encoding"]);
    const variant = encoding ?? "identity";
    let byEncoding = this.headers.get(page);
    if (!byEncoding) this.headers.set(page, (byEncoding = {}));
    const body = encoding === "br" ? page.br! : encoding === "gzip" ? page.gzip! : page.body;
    const headers = (byEncoding[variant] ??= this.headersFor(page, encoding, body.length));
    if (notModified) {
      res.writeHead(304, headers.notModified);
      res.end();
    } else {
      res.writeHead(200, headers.ok);
      res.end(req.method === "HEAD" ? undefined : body);
    }
    this.observe?.(route.route, notModified ? 304 : 200, (performance.now() - started) / 1000);
    return true;
  }

  private headersFor(page: CachedPage, encoding: string | undefined, length: number) {
    const common: OutgoingHttpHeaders = {
      ...this.fixedHeaders,
      ...cacheHeaders(page, this.cdnSeconds, "hit"),
      ...(encoding ? { "content-encoding": encoding } : {}),
    };
    const flat = (h: OutgoingHttpHeaders) => Object.entries(h).flatMap(([k, v]) => [k, String(v)]);
    return { ok: flat({ ...common, "content-length": length }), notModified: flat(common) };
  }
}
