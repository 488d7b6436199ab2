import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createStorage } from "../platform/storage/create-storage.js";
import { twoTone } from "../media/media-test-files.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildSection } from "../../test/support/factories.js";
import { readGhostExport } from "./ghost/ghost-export.js";
import type { SiteExport } from "./site-model.js";
import { importSite } from "./site-import.js";

// A Ghost export we wrote (fixtures/ghost-5.json: Lexical and Mobiledoc posts, an HTML draft, a
// page, an untitled post, cards of every kind, non-ASCII text) imported with its pictures, run
// twice, and its old addresses answered with 301 by the site.

const NOW = new Date("2026-07-01T10:00:00Z");
const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/ghost-5.json", import.meta.url), "utf8")) as unknown;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "ghost-media-"));
const read = () => readGhostExport(fixture, "http://localhost:3000") as SiteExport;

beforeAll(async () => {
  fs.mkdirSync(path.join(mediaDir, "2024/05"), { recursive: true });
  await twoTone(400, 300).png().toFile(path.join(mediaDir, "2024/05/thames.png"));
});
afterAll(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

it("refuses a file that is no Ghost export, with a sentence", () => {
  expect(readGhostExport({ posts: [] }, "http://x")).toMatchObject({
    error: expect.stringMatching(/^This is not a Ghost export/),
  });
});

describeEachDatabase("importing a Ghost export", (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await buildSection(get().handle.db, { slug: "news", name: "News", position: 0 });
    app = await buildApp({ config: get().config, db: get().handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app.close());
  const options = () => ({ storage: createStorage(get().config), mediaDir, now: () => NOW });

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
    const at = async (url: string) => {
      const res = await app.inject(url);
      return [res.statusCode, res.headers.location];
    };
    expect(await at("/cafe-society-zurich/")).toEqual([301, "/news/cafe-society-zurich"]);
    expect(await at("/second-post")).toEqual([301, "/news/second-post"]);
    expect(await at("/about/")).toEqual([301, "/news/about"]);
    expect(await at("/tag/coffee/")).toEqual([301, "/tags/coffee"]);
    expect(await at("/author/zoe/")).toEqual([301, "/authors/zoe"]);
    expect((await app.inject("/a-draft/")).statusCode).toBe(404);
    expect((await app.inject("/news/second-post")).statusCode).toBe(200);
  });
});
