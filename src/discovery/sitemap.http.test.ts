import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { buildArticle, buildImage, buildVideo } from "../../test/support/factories.js";
import type { Db } from "../database.js";
import { buildPageLayer } from "../page-layer.js";
import type { PageLayer } from "../pages/page-layer.js";
import { pageTags } from "../pages/page-tags.js";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["url", "sitemap"].includes(name) });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, any>;
}

describeEachDatabase("sitemaps", (get) => {
  let app: FastifyInstance;
  let db: Db;
  let pages: PageLayer;

  beforeAll(async () => {
    const { handle, config } = get();
    db = handle.db;
    const newsroom = await buildNewsroom(handle.db);
    // The lead has the fixture's video (no poster); the ferries story gets one with a poster, and a
    // draft gets one too, which no sitemap may show.
    const poster = await buildImage(db, { key: "images/test/poster.jpg" });
    const ferryVideo = await buildVideo(db, {
      title: "Ferries & the <port>",
      publishedAt: new Date(NOW.getTime() - 6 * 3600_000),
    });
    await db
      .updateTable("videos")
      .set({ poster_media_id: poster.id, description: "Crossings at dawn.", duration_seconds: 95.4 })
      .where("id", "=", ferryVideo.id)
      .execute();
    await db.updateTable("articles").set({ video_id: ferryVideo.id }).where("id", "=", newsroom.sameTag.id).execute();
    await buildArticle(db, {
      sectionId: newsroom.uk.id,
      slug: "draft-with-video",
      publishedAt: new Date(NOW.getTime() - 3600_000),
      status: "draft",
      videoId: newsroom.video.id,
    });
    pages = buildPageLayer({ config, db: handle.db, now: () => NOW, log: console });
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false, pages });
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
      "http://localhost:3000/sitemaps/video.xml",
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

  it("lists published articles' videos in a Google video sitemap, never drafts", async () => {
    const res = await app.inject("/sitemaps/video.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const doc = parse(res.body);
    expect(doc.urlset["@_xmlns:video"]).toBe("http://www.google.com/schemas/sitemap-video/1.1");
    const urls = doc.urlset.url as { loc: string; "video:video": Record<string, unknown> }[];
    expect(urls.map((u) => u.loc)).toEqual([
      "http://localhost:3000/uk/night-buses-return",
      "http://localhost:3000/world/ferries-in-rotterdam",
    ]);
    // No poster: the article's hero stands in; no description: the standfirst.
    expect(urls[0]!["video:video"]).toEqual({
      "video:thumbnail_loc": "http://localhost:3000/media/images/test/hero.jpg",
      "video:title": "The bridge in ten seconds",
      "video:description": "Six routes restored after a two-year gap.",
      "video:content_loc": expect.stringMatching(/^http:\/\/localhost:3000\/media\/video\/test\/\d+\.mp4$/),
      "video:duration": 10,
      "video:publication_date": "2026-06-30T04:00:00.000Z",
      "video:family_friendly": "yes",
    });
    expect(urls[1]!["video:video"]).toMatchObject({
      "video:thumbnail_loc": "http://localhost:3000/media/images/test/poster.jpg",
      "video:title": "Ferries & the <port>",
      "video:description": "Crossings at dawn.",
      "video:duration": 95,
      "video:publication_date": "2026-07-01T04:00:00.000Z",
    });
  });

  it("names the video sitemap only while a published article has a video", async () => {
    const changed = await db
      .updateTable("articles")
      .set({ video_id: null })
      .where("status", "=", "published")
      .returning("id")
      .execute();
    // What the newsroom's save marks when an article's video changes.
    await pages.invalidate([pageTags.videos, ...changed.map((a) => pageTags.article(a.id))]);
    const locs = parse((await app.inject("/sitemap.xml")).body).sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    expect(locs).not.toContain("http://localhost:3000/sitemaps/video.xml");
    expect(locs).toHaveLength(3);
    const empty = parse((await app.inject("/sitemaps/video.xml")).body);
    expect(empty.urlset.url).toBeUndefined();
  });
});
