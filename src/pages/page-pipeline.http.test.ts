import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { ViewCounter } from "../discovery/view-counter.js";
import { buildPageLayer } from "../page-layer.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import type { PageLayer } from "./page-layer.js";

const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";

const PUBLIC_PAGES = [
  "/",
  "/uk",
  "/uk/night-buses-return",
  "/tags/transport",
  "/authors/ada-okafor",
  "/video",
  "/morning-headlines",
  "/morning-headlines/2026-07-01",
  "/feeds/rss.xml",
  "/feeds/section/uk/atom.xml",
  "/sitemap.xml",
  "/sitemaps/articles-1.xml",
  "/sitemaps/news.xml",
  "/sitemaps/pages.xml",
];

describeEachDatabase("the page pipeline", (get) => {
  let app: FastifyInstance;
  let pages: PageLayer;
  let views: ViewCounter;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    pages = buildPageLayer({ config, db: handle.db, now: () => NOW, log: console });
    views = new ViewCounter(() => NOW);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false, pages, views });
  });
  afterAll(() => app?.close());

  const stats = () => pages.cache!.stats;

  it("renders each public page once, then sends the stored bytes", async () => {
    for (const url of PUBLIC_PAGES) {
      const first = await app.inject(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers["x-cache"], url).toBe("miss");
      const rendersBefore = stats().renders;
      const again = await app.inject(url);
      expect([again.headers["x-cache"], again.body === first.body], url).toEqual(["hit", true]);
      expect(stats().renders, url).toBe(rendersBefore);
      expect(again.headers.etag, url).toBe(first.headers.etag);
      expect(again.headers["cache-control"], url).toBe("public, max-age=0, must-revalidate, s-maxage=5");
      expect(again.headers["surrogate-key"], url).toBeTruthy();
      expect(again.headers.vary, url).toBe("Accept-Encoding");
    }
  });

  it("answers 304 to a browser whose copy is current", async () => {
    const first = await app.inject("/uk/night-buses-return");
    const revalidated = await app.inject({
      url: "/uk/night-buses-return",
      headers: { "if-none-match": first.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe("");
    expect(revalidated.headers.etag).toBe(first.headers.etag);
    const stale = await app.inject({ url: "/uk/night-buses-return", headers: { "if-none-match": 'W/"old"' } });
    expect(stale.statusCode).toBe(200);
  });

  it("sends brotli or gzip made once, and the plain bytes to a client that takes neither", async () => {
    const plain = await app.inject({ url: "/uk/night-buses-return" });
    const br = await app.inject({ url: "/uk/night-buses-return", headers: { "accept-encoding": "gzip, br" } });
    const gz = await app.inject({ url: "/uk/night-buses-return", headers: { "accept-encoding": "gzip" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it("keys a page by its validated input only: tracking parameters share the stored page", async () => {
    await app.inject("/uk");
    const hits = stats().hits;
    const tracked = await app.inject("/uk?utm_source=newsletter&page=1");
    expect(tracked.headers["x-cache"]).toBe("hit");
    expect(stats().hits).toBe(hits + 1);
    const head = await app.inject({ method: "HEAD", url: "/uk" });
    expect([head.statusCode, head.body]).toEqual([200, ""]);
  });

  it("serves an article from the cache with the id its beacon counts, counting nothing itself", async () => {
    await views.flush(get().handle.db);
    await app.inject({ url: "/uk/library-hours", headers: { "user-agent": READER } });
    const hit = await app.inject({ url: "/uk/library-hours", headers: { "user-agent": READER } });
    const notModified = await app.inject({
      url: "/uk/library-hours",
      headers: { "user-agent": READER, "if-none-match": hit.headers.etag as string },
    });
    expect([hit.headers["x-cache"], notModified.statusCode]).toEqual(["hit", 304]);
    // Views are counted by the beacon the page carries (from a CDN too), not by serving it (docs/adr/029).
    expect(hit.body).toMatch(/data-article-id="\d+"/);
    await views.flush(get().handle.db);
    const row = await get()
      .handle.db.selectFrom("article_views as v")
      .innerJoin("articles as a", "a.id", "v.article_id")
      .select("v.views")
      .where("a.slug", "=", "library-hours")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("never stores a page made for one reader", async () => {
    const entries = stats().entries;
    for (const url of ["/search?q=buses", "/search", "/newsletters/check-your-inbox"]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("private, no-store");
      expect(res.headers["x-cache"], url).toBeUndefined();
    }
    expect(stats().entries).toBe(entries);
  });

  it("passes redirects and missing pages through without storing them", async () => {
    const entries = stats().entries;
    expect((await app.inject("/uk/night-buses-come-back")).statusCode).toBe(301);
    expect((await app.inject("/world/night-buses-return")).statusCode).toBe(301);
    expect((await app.inject("/uk/no-such-story")).statusCode).toBe(404);
    expect((await app.inject("/uk?page=99")).statusCode).toBe(404);
    expect(stats().entries).toBe(entries);
  });
});
