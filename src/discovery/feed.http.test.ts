import { parseFeed } from "@rowanmanning/feed-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { buildArticle, buildImage, buildVideo } from "../../test/support/factories.js";

// Every feed goes through a real feed parser; JSON Feed is checked against its specification's fields.

describeEachDatabase("feeds", (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("serves the site's RSS 2.0 feed, newest first, published stories only", async () => {
    const res = await app.inject("/feeds/rss.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    const feed = parseFeed(res.body);
    expect(feed.meta.type).toBe("rss");
    expect(feed.title).toBe("London Daily");
    expect(feed.url).toBe("http://localhost:3000/");
    expect(feed.items.map((i) => i.url)).toEqual([
      "http://localhost:3000/uk/night-buses-return",
      "http://localhost:3000/world/ferries-in-rotterdam",
      "http://localhost:3000/world/just-after-midnight",
      "http://localhost:3000/world/late-yesterday",
      "http://localhost:3000/uk/library-hours",
    ]);
    const lead = feed.items[0]!;
    expect(lead.title).toBe("Night buses return to the river crossings");
    expect(lead.description).toBe("Six routes restored after a two-year gap.");
    expect(lead.published?.toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(lead.authors.map((a) => a.name)).toEqual(["Ada Okafor", "Ben Marsh"]);
    // Full text is off by default: the standfirst only.
    expect(res.body).not.toContain("<content:encoded>");
    expect(lead.content).toBeNull();
  });

  it("serves the same stories as Atom", async () => {
    const res = await app.inject("/feeds/atom.xml");
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = parseFeed(res.body);
    expect(feed.meta.type).toBe("atom");
    expect(feed.items).toHaveLength(5);
    const lead = feed.items[0]!;
    expect(lead.url).toBe("http://localhost:3000/uk/night-buses-return");
    expect(lead.updated?.toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(res.body).not.toContain("<content");
    expect(lead.authors.map((a) => [a.name, a.url])).toEqual([
      ["Ada Okafor", "http://localhost:3000/authors/ada-okafor"],
      ["Ben Marsh", "http://localhost:3000/authors/ben-marsh"],
    ]);
  });

  it("serves JSON Feed 1.1", async () => {
    const res = await app.inject("/feeds/feed.json");
    expect(res.headers["content-type"]).toBe("application/feed+json; charset=utf-8");
    const feed = res.json() as Record<string, any>;
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "London Daily",
      home_page_url: "http://localhost:3000/",
      feed_url: "http://localhost:3000/feeds/feed.json",
    });
    expect(feed.items[0]).toMatchObject({
      id: "http://localhost:3000/uk/night-buses-return",
      url: "http://localhost:3000/uk/night-buses-return",
      title: "Night buses return to the river crossings",
      date_published: "2026-07-01T08:00:00.000Z",
      image: "http://localhost:3000/media/images/test/hero.jpg",
      authors: [
        { name: "Ada Okafor", url: "http://localhost:3000/authors/ada-okafor" },
        { name: "Ben Marsh", url: "http://localhost:3000/authors/ben-marsh" },
      ],
    });
    for (const item of feed.items) expect(typeof item.id).toBe("string");
    expect(feed.items[0].content_text).toBe("Six routes restored after a two-year gap.");
    expect(feed.items.some((i: object) => "content_html" in i)).toBe(false);
  });

  it("serves feeds for each section, topic and author", async () => {
    const section = parseFeed((await app.inject("/feeds/section/uk/rss.xml")).body);
    expect(section.title).toBe("London Daily: UK");
    expect(section.items.map((i) => i.url)).toEqual([
      "http://localhost:3000/uk/night-buses-return",
      "http://localhost:3000/uk/library-hours",
    ]);
    const tag = parseFeed((await app.inject("/feeds/tag/transport/atom.xml")).body);
    expect(tag.items.map((i) => i.url)).toEqual([
      "http://localhost:3000/uk/night-buses-return",
      "http://localhost:3000/world/ferries-in-rotterdam",
    ]);
    const author = (await app.inject("/feeds/author/ben-marsh/feed.json")).json() as { items: { url: string }[] };
    expect(author.items.map((i) => i.url)).toEqual([
      "http://localhost:3000/uk/night-buses-return",
      "http://localhost:3000/world/ferries-in-rotterdam",
    ]);
    for (const url of [
      "/feeds/section/nowhere/rss.xml",
      "/feeds/planet/uk/rss.xml",
      "/feeds/rss.txt",
      "/feeds/tag/transport/feed.xml",
    ]) {
      expect((await app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it("links the feeds from page heads", async () => {
    const home = (await app.inject("/")).body;
    expect(home).toContain(
      '<link rel="alternate" type="application/rss+xml" title="London Daily (RSS)" href="/feeds/rss.xml"/>',
    );
    expect(home).toContain(
      '<link rel="alternate" type="application/atom+xml" title="London Daily (Atom)" href="/feeds/atom.xml"/>',
    );
    expect(home).toContain(
      '<link rel="alternate" type="application/feed+json" title="London Daily (JSON Feed)" href="/feeds/feed.json"/>',
    );
    const section = (await app.inject("/uk")).body;
    expect(section).toContain('href="/feeds/section/uk/rss.xml"');
    expect((await app.inject("/tags/transport")).body).toContain('href="/feeds/tag/transport/atom.xml"');
    expect((await app.inject("/authors/ada-okafor")).body).toContain('href="/feeds/author/ada-okafor/feed.json"');
  });
});

describeEachDatabase("full-text feeds (FEED_FULL_TEXT)", (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    const { uk, ada } = await buildNewsroom(db);
    const photo = await buildImage(db, { key: "images/test/crossing.jpg", alt: "Library alt" });
    const poster = await buildImage(db, { key: "images/test/full-text-poster.jpg" });
    const video = await buildVideo(db, { title: "The crossing at night" });
    await db.updateTable("videos").set({ poster_media_id: poster.id }).where("id", "=", video.id).execute();
    await buildArticle(db, {
      sectionId: uk.id,
      slug: "full-text-story",
      headline: "A story with everything in its body",
      standfirst: "The standfirst stays the summary.",
      publishedAt: new Date(NOW.getTime() - 60_000),
      authorIds: [ada.id],
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Read " },
              {
                type: "text",
                text: "the timetable",
                marks: [{ type: "link", attrs: { href: "https://tfl.example/t" } }],
              },
              { type: "text", text: " & <more>.", marks: [{ type: "bold" }] },
            ],
          },
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What changes" }] },
          {
            type: "bulletList",
            content: [
              { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Route N1" }] }] },
            ],
          },
          { type: "image", attrs: { mediaId: photo.id, alt: "The crossing at dusk", caption: "The crossing" } },
          { type: "video", attrs: { videoId: video.id } },
          { type: "horizontalRule" },
        ],
      },
    });
    app = await buildApp({ config: { ...config, feedFullText: true }, db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  const SITE = "http://localhost:3000";
  const expectFeedSafe = (html: string) => {
    expect(html).not.toMatch(/<script|<style|<iframe|<video|<picture|srcset|class=|style=|on[a-z]+=/i);
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    for (const url of urls) expect(url, url).toMatch(/^https?:\/\//);
    return urls;
  };

  it("carries the full text as content:encoded in RSS, with the standfirst as summary", async () => {
    const res = await app.inject("/feeds/rss.xml");
    expect(res.statusCode).toBe(200);
    const feed = parseFeed(res.body);
    const item = feed.items.find((i) => i.url === `${SITE}/uk/full-text-story`)!;
    expect(item.description).toBe("The standfirst stays the summary.");
    const html = item.content!;
    // Text is escaped once as HTML and once more as XML.
    expect(res.body).toContain("&lt;strong&gt; &amp;amp; &amp;lt;more&gt;.&lt;/strong&gt;");
    expect(html).toContain('<p>Read <a href="https://tfl.example/t">the timetable</a><strong>');
    expect(html).toContain("<h2>What changes</h2><ul><li><p>Route N1</p></li></ul>");
    expect(html).toContain(
      `<figure><img src="${SITE}/media/images/test/crossing.jpg" alt="The crossing at dusk" width="1600" height="900"/>` +
        "<figcaption>The crossing <small>Test credit</small></figcaption></figure>",
    );
    // The video: its poster linking to the article, where it plays.
    expect(html).toContain(
      `<a href="${SITE}/uk/full-text-story"><img src="${SITE}/media/images/test/full-text-poster.jpg" alt="Watch the video: The crossing at night"`,
    );
    expect(expectFeedSafe(html)).toHaveLength(5);
    // Every story has its body, the fixture's lead too (its pull quote and the image whose file is missing).
    const lead = feed.items.find((i) => i.url === `${SITE}/uk/night-buses-return`)!;
    expect(lead.content).toContain("<p>The first bus left at midnight.</p>");
    expect(lead.content).toContain("<blockquote><p>We missed this road.</p><p>— A driver</p></blockquote>");
    expect(lead.content).toContain(`src="${SITE}/media/images/test/does-not-exist.jpg" alt="A depot at night"`);
    for (const i of feed.items) expectFeedSafe(i.content!);
  });

  it("carries it as Atom content of type html", async () => {
    const res = await app.inject("/feeds/atom.xml");
    expect(res.body).toContain('<content type="html">');
    const feed = parseFeed(res.body);
    const item = feed.items.find((i) => i.url === `${SITE}/uk/full-text-story`)!;
    expect(item.description).toBe("The standfirst stays the summary.");
    expect(item.content).toContain(`<img src="${SITE}/media/images/test/crossing.jpg"`);
    expectFeedSafe(item.content!);
  });

  it("carries it as content_html in JSON Feed, for section feeds too", async () => {
    const feed = (await app.inject("/feeds/section/uk/feed.json")).json() as {
      items: { url: string; summary: string; content_html?: string; content_text?: string }[];
    };
    const item = feed.items.find((i) => i.url === `${SITE}/uk/full-text-story`)!;
    expect(item.summary).toBe("The standfirst stays the summary.");
    expect(item.content_text).toBeUndefined();
    expect(item.content_html).toContain("<h2>What changes</h2>");
    for (const i of feed.items) expectFeedSafe(i.content_html!);
  });
});
