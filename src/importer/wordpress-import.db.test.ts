import fs from "node:fs";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { importTarget, uploadsFolder } from "../../test/support/site-import.js";
import type { SiteExport } from "./site-model.js";
import { importSite } from "./site-import.js";
import { readWordpressExport } from "./wordpress/wxr-export.js";

// A WordPress export we wrote (fixtures/wordpress.xml: Gutenberg blocks, classic content with
// shortcodes and oEmbed lines, a page, a draft, trash, a menu item, an attachment as featured
// image, Polish and French text) imported, run twice, and its permalinks and ?p= ids redirected.

const NOW = new Date("2026-07-01T10:00:00Z");
const xml = fs.readFileSync(new URL("./fixtures/wordpress.xml", import.meta.url), "utf8");
const mediaDir = uploadsFolder("wp-media-", { "2023/10/urn.png": [300, 200] });
const read = () => readWordpressExport(xml, "http://localhost:3000") as SiteExport;
type Block = { type: string; attrs?: Record<string, unknown>; content?: unknown[] };

it("refuses a document type and anything that is not WXR", () => {
  expect(readWordpressExport('<!DOCTYPE x [<!ENTITY a "b">]><rss/>', "http://x")).toMatchObject({
    error: expect.stringMatching(/DTD/),
  });
  expect(readWordpressExport("<rss><channel><title>x</title></channel></rss>", "http://x")).toMatchObject({
    error: expect.stringMatching(/not a WordPress export/),
  });
});

describeEachDatabase("importing a WordPress export", (get) => {
  const { options, answer, status } = importTarget(get, NOW, mediaDir);

  it("imports posts and pages with sections, tags, authors, featured images and converted content", async () => {
    const db = get().handle.db;
    const summary = await importSite(db, read(), options());
    expect(summary).toMatchObject({ posts: 3, pages: 1, published: 3, alreadyPresent: 0, skipped: [] });
    expect(summary.ignored).toEqual([
      { item: 'post 301 "Binned"', reason: 'its status is "trash" (trash and auto-drafts are not imported)' },
      { item: "1 nav_menu_item item", reason: "not a post or page" },
    ]);
    expect(summary.created).toEqual({ authors: 2, tags: 1, sections: ["politique"] });
    expect(summary.dropped).toEqual({ script: 1, "[contact-form-7] shortcode": 1 });
    expect(summary.images).toMatchObject({ stored: 1, failed: 0 });

    const lodz = await db
      .selectFrom("articles")
      .innerJoin("sections", "sections.id", "articles.section_id")
      .select([
        "articles.headline",
        "articles.standfirst",
        "articles.seo_title",
        "articles.body",
        "articles.hero_media_id",
        "articles.hero_caption",
        "articles.published_at",
        "sections.slug as section",
      ])
      .where("articles.slug", "=", "elections-lodz")
      .executeTakeFirstOrThrow();
    expect(lodz).toMatchObject({
      headline: "Élections : le résultat à Łódź",
      standfirst: "Le résultat est tombé.",
      seo_title: "Élections à Łódź",
      section: "politique",
      hero_caption: "Photo : la mairie",
    });
    expect(new Date(lodz.published_at!).toISOString()).toBe("2023-10-15T20:00:00.000Z");
    const blocks = (JSON.parse(lodz.body) as { content: Block[] }).content;
    expect(blocks.map((b) => b.type)).toEqual([
      "paragraph",
      "heading",
      "image",
      "embed",
      "bulletList",
      "paragraph",
      "blockquote",
    ]);
    expect(blocks[2]!.attrs).toEqual({ mediaId: lodz.hero_media_id, alt: "Une urne", caption: "L’urne, à Łódź" });
    expect(blocks[3]!.attrs).toEqual({ url: "https://www.youtube.com/watch?v=aBcDeFgHiJk", provider: "YouTube" });
    expect(lodz.body).toContain("https://gazette.example/2023/09/avant-le-vote/");
    expect(lodz.body).not.toContain("vote()");

    const classic = await db
      .selectFrom("articles")
      .selectAll()
      .where("slug", "=", "avant-le-vote")
      .executeTakeFirstOrThrow();
    const parts = (JSON.parse(classic.body) as { content: Block[] }).content;
    expect(parts.map((b) => b.type + (b.attrs?.provider ? `:${String(b.attrs.provider)}` : ""))).toEqual([
      "paragraph",
      "image",
      "embed:X",
      "embed:Vimeo",
      "image",
      "paragraph",
    ]);
    expect(classic.body).toContain("The campaign ends tonight [sic].");
    expect(parts[1]!.attrs).toMatchObject({ alt: "Urn", caption: "The urn before the vote" });
    expect(parts[5]!.content).toContainEqual({ type: "hardBreak" });
    const draft = await db
      .selectFrom("articles")
      .select(["status", "slug"])
      .where("headline", "=", "Unfinished")
      .executeTakeFirstOrThrow();
    expect(draft).toEqual({ status: "draft", slug: "unfinished" });
  });

  it("imports nothing twice when run again", async () => {
    const summary = await importSite(get().handle.db, read(), options());
    expect(summary).toMatchObject({ posts: 0, pages: 0, alreadyPresent: 4, redirects: 0 });
  });

  it("answers permalinks and ?p= ids with 301, and leaves the front page alone", async () => {
    expect(await answer("/2023/10/elections-lodz/")).toEqual([301, "/politique/elections-lodz"]);
    expect(await answer("/?p=101")).toEqual([301, "/politique/elections-lodz"]);
    expect(await answer("/index.php?p=77")).toEqual([301, "/news/avant-le-vote"]);
    expect(await answer("/?page_id=5")).toEqual([301, "/news/contact"]);
    expect(await answer("/category/politique/")).toEqual([301, "/politique"]);
    expect(await answer("/tag/elections/")).toEqual([301, "/tags/elections"]);
    expect(await answer("/author/mkowalska/")).toEqual([301, "/authors/mkowalska"]);
    expect(await status("/?p=300")).toBe(200);
    expect(await status("/?p=999999")).toBe(200);
  });
});
