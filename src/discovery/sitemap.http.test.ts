import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["url", "sitemap"].includes(name) });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, any>;
}

describeEachDatabase("sitemaps", (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("names the sitemap index in robots.txt and lists every part in it", async () => {
    expect((await app.inject("/robots.txt")).body).toContain("Sitemap: http://localhost:3000/sitemap.xml");
    const res = await app.inject("/sitemap.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const locs = parse(res.body).sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    expect(locs).toEqual([
      "http://localhost:3000/sitemaps/news.xml",
      "http://localhost:3000/sitemaps/pages.xml",
      "http://localhost:3000/sitemaps/articles-1.xml",
    ]);
  });

  it("lists published articles with lastmod and their images, never drafts", async () => {
    const res = await app.inject("/sitemaps/articles-1.xml");
    expect(res.statusCode).toBe(200);
    const urls = parse(res.body).urlset.url as {
      loc: string;
      lastmod: string;
      "image:image"?: { "image:loc": string };
    }[];
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain("http://localhost:3000/uk/night-buses-return");
    expect(locs).not.toContain("http://localhost:3000/uk/unfinished-draft");
    expect(locs).toHaveLength(5);
    const lead = urls.find((u) => u.loc.endsWith("/uk/night-buses-return"))!;
    expect(lead.lastmod).toBe("2026-07-01T09:00:00.000Z");
    expect(lead["image:image"]?.["image:loc"]).toBe("http://localhost:3000/media/images/test/hero.jpg");
    expect((await app.inject("/sitemaps/articles-2.xml")).statusCode).toBe(404);
    expect((await app.inject("/sitemaps/articles-0.xml")).statusCode).toBe(404);
    expect((await app.inject("/sitemaps/articles-x.xml")).statusCode).toBe(404);
  });

  it("keeps the last 48 hours in the Google News sitemap, with publication, language and title", async () => {
    const res = await app.inject("/sitemaps/news.xml");
    const urls = parse(res.body).urlset.url as { loc: string; "news:news": Record<string, any> }[];
    // The fixture's library story is 40 hours old (inside the window); all others are newer.
    expect(urls.map((u) => u.loc.replace("http://localhost:3000", ""))).toEqual([
      "/uk/night-buses-return",
      "/world/ferries-in-rotterdam",
      "/world/just-after-midnight",
      "/world/late-yesterday",
      "/uk/library-hours",
    ]);
    expect(urls[0]!["news:news"]).toEqual({
      "news:publication": { "news:name": "London Daily", "news:language": "en" },
      "news:publication_date": "2026-07-01T08:00:00.000Z",
      "news:title": "Night buses return to the river crossings",
    });
  });

  it("lists the site's other pages", async () => {
    const locs = (parse((await app.inject("/sitemaps/pages.xml")).body).urlset.url as { loc: string }[]).map((u) =>
      u.loc.replace("http://localhost:3000", ""),
    );
    expect(locs).toEqual(
      expect.arrayContaining([
        "/",
        "/uk",
        "/world",
        "/morning-headlines",
        "/morning-headlines/2026-07-01",
        "/authors/ada-okafor",
        "/tags/transport",
      ]),
    );
  });
});
