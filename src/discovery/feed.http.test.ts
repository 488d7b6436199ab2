import { parseFeed } from "@rowanmanning/feed-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

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
