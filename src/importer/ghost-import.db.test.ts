import fs from "node:fs";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { importTarget, uploadsFolder } from "../../test/support/site-import.js";
import { readGhostExport } from "./ghost/ghost-export.js";
import type { SiteExport } from "./site-model.js";
import { importSite } from "./site-import.js";

// A Ghost export we wrote (fixtures/ghost-5.json: Lexical and Mobiledoc posts, an HTML draft, a
// page, an untitled post, cards of every kind, non-ASCII text) imported with its pictures, run
// twice, and its old addresses answered with 301 by the site.

const NOW = new Date("2026-07-01T10:00:00Z");
const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/ghost-5.json", import.meta.url), "utf8")) as unknown;
const mediaDir = uploadsFolder("ghost-media-", { "2024/05/thames.png": [400, 300] });
const read = () => readGhostExport(fixture, "http://localhost:3000") as SiteExport;

it("refuses a file that is no Ghost export, with a sentence", () => {
  expect(readGhostExport({ posts: [] }, "http://x")).toMatchObject({
    error: expect.stringMatching(/^This is not a Ghost export/),
  });
});

describeEachDatabase("importing a Ghost export", (get) => {
  const { options, answer, status } = importTarget(get, NOW, mediaDir);

  it("writes nothing in a dry run, but says what it would do", async () => {
    const db = get().handle.db;
    const summary = await importSite(db, read(), { ...options(), dryRun: true });
    expect(summary).toMatchObject({ posts: 3, pages: 1, published: 3, alreadyPresent: 0 });
    expect(summary.created).toEqual({ authors: 2, tags: 2, sections: [] });
    const count = await db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect(await db.selectFrom("imported_items").selectAll().execute()).toEqual([]);
  });

  it("imports posts, pages, tags, authors and pictures, and reports what it skipped", async () => {
    const db = get().handle.db;
    const summary = await importSite(db, read(), options());
    expect(summary).toMatchObject({ posts: 3, pages: 1, published: 3, alreadyPresent: 0 });
    expect(summary.skipped.map((s) => s.item)).toEqual([
      "post 5f1a00000000000000000005",
      "image /content/images/2024/05/missing.jpg",
    ]);
    expect(summary.skipped[0]!.reason).toMatch(/title: has no title/);
    // The Mobiledoc post names the same picture at another size: the same bytes are stored once.
    expect(summary.images).toEqual({ stored: 1, reused: 1, failed: 1 });
    expect(summary.dropped).toEqual({ script: 1, iframe: 1, img: 1, "signup card": 1, form: 1 });

    const cafe = await db
      .selectFrom("articles")
      .selectAll()
      .where("slug", "=", "cafe-society-zurich")
      .executeTakeFirstOrThrow();
    expect(cafe).toMatchObject({
      headline: "Café society: Zürich’s «new» wave — 東京",
      standfirst: "Coffee at dawn, ça va.",
      seo_title: "Zürich’s cafés",
      seo_description: "Coffee in Zürich.",
      status: "published",
      hero_caption: "Photo: Ana",
    });
    expect(new Date(cafe.published_at!).toISOString()).toBe("2024-05-01T09:30:00.000Z");
    const body = JSON.parse(cafe.body) as {
      content: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }[];
    };
    expect(body.content.map((b) => b.type)).toEqual([
      "paragraph",
      "heading",
      "image",
      "embed",
      "paragraph",
      "bulletList",
      "blockquote",
    ]);
    expect(body.content[2]!.attrs).toEqual({
      mediaId: cafe.hero_media_id,
      alt: "The Thames at dawn",
      caption: "Dawn over the Thames",
    });
    expect(body.content[3]!.attrs).toEqual({ url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", provider: "YouTube" });
    expect(JSON.stringify(body)).toContain('"href":"http://localhost:3000/second-post/"');
    expect(JSON.stringify(body)).not.toMatch(/evil|alert|<script/);

    const second = await db
      .selectFrom("articles")
      .selectAll()
      .where("slug", "=", "second-post")
      .executeTakeFirstOrThrow();
    expect(second.seo_title).toBe("Second, for search engines");
    expect(new Date(second.published_at!).toISOString()).toBe("2019-03-01T10:00:00.000Z");
    const types = (
      JSON.parse(second.body) as { content: { type: string; attrs?: { provider?: string } }[] }
    ).content.map((b) => b.type + (b.attrs?.provider ? `:${b.attrs.provider}` : ""));
    expect(types).toEqual([
      "paragraph",
      "heading",
      "orderedList",
      "image",
      "heading",
      "paragraph",
      "bulletList",
      "paragraph",
      "embed:X",
    ]);
    expect(second.body).toContain('"hardBreak"');

    const byline = await db
      .selectFrom("article_authors")
      .innerJoin("authors", "authors.id", "article_authors.author_id")
      .select("authors.name")
      .where("article_id", "=", cafe.id)
      .orderBy("position")
      .execute();
    expect(byline.map((a) => a.name)).toEqual(["Zoë Ångström", "Ben Okafor"]);
    const tags = await db
      .selectFrom("article_tags")
      .innerJoin("tags", "tags.id", "article_tags.tag_id")
      .select("tags.slug")
      .where("article_id", "=", cafe.id)
      .orderBy("tags.slug")
      .execute();
    expect(tags.map((t) => t.slug)).toEqual(["coffee", "stadte"]);
    const draft = await db
      .selectFrom("articles")
      .select(["status", "published_at"])
      .where("slug", "=", "a-draft")
      .executeTakeFirstOrThrow();
    expect(draft).toEqual({ status: "draft", published_at: null });
    const front = await db.selectFrom("front_page").selectAll().execute();
    expect(front).toEqual([]);
  });

  it("imports nothing twice when run again", async () => {
    const db = get().handle.db;
    const before = await db.selectFrom("media").select("id").execute();
    const summary = await importSite(db, read(), options());
    expect(summary).toMatchObject({ posts: 0, pages: 0, alreadyPresent: 4, redirects: 0 });
    expect(summary.created).toEqual({ authors: 0, tags: 0, sections: [] });
    expect(await db.selectFrom("media").select("id").execute()).toEqual(before);
  });

  it("answers the old addresses with 301 to the new ones, and keeps drafts hidden", async () => {
    expect(await answer("/cafe-society-zurich/")).toEqual([301, "/news/cafe-society-zurich"]);
    expect(await answer("/second-post")).toEqual([301, "/news/second-post"]);
    expect(await answer("/about/")).toEqual([301, "/news/about"]);
    expect(await answer("/tag/coffee/")).toEqual([301, "/tags/coffee"]);
    expect(await answer("/author/zoe/")).toEqual([301, "/authors/zoe"]);
    expect(await status("/a-draft/")).toBe(404);
    expect(await status("/news/second-post")).toBe(200);
  });
});
