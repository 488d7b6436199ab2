import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle } from "../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { reindexArticles } from "./discovery-index.js";
import { type SearchParams, searchArticles } from "./search.queries.js";

const HOSTILE = [
  '"unbalanced quote',
  'NEAR(trams river) "',
  "tram*",
  "^river",
  "-trams",
  "headline:trams",
  "trams AND OR NOT",
  "'; drop table articles; --",
  "1 or 1=1",
  "x".repeat(10_000),
  "🚋🚋 trams 🚋",
  "ترام في النهر",
  "",
  "   ",
  '""',
  "\u0000\u202e",
];

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

describeEachDatabase("search", (get) => {
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  const ids: Record<string, number> = {};
  const search = (q: string, extra: Partial<SearchParams> = {}) =>
    searchArticles(get().handle.db, { q, sort: "relevance", page: 1, perPage: 10, now: NOW, ...extra });
  const slugs = async (q: string, extra: Partial<SearchParams> = {}) =>
    (await search(q, extra)).results.map((r) => r.article.slug);

  beforeAll(async () => {
    const db = get().handle.db;
    f = await buildNewsroom(db);
    const day = 86_400_000;
    const stories = [
      {
        slug: "trams-headline",
        headline: "Trams return to the river crossings",
        body: "The city council agreed the plan on Tuesday.",
        ago: 3,
      },
      {
        slug: "trams-in-body",
        headline: "A busy week at the council",
        body: "Among other things, councillors discussed whether trams could cross the river again. The tramway closed in 1952.",
        ago: 1,
      },
      { slug: "old-trams", headline: "Trams across the river, a history", body: "An archive piece.", ago: 400 },
      {
        slug: "phrase-story",
        headline: "Price of bread rises",
        body: "Bakers say the cost of living crisis is not over.",
        ago: 2,
      },
      {
        slug: "words-apart",
        headline: "Living on a small budget",
        body: "The cost of heating rose sharply as winter began.",
        ago: 2,
      },
      {
        slug: "embargoed",
        headline: "Trams embargoed story",
        body: "Not out yet: trams and the river.",
        ago: -1,
      },
    ];
    for (const s of stories) {
      const row = await buildArticle(db, {
        sectionId: s.slug === "old-trams" ? f.world.id : f.uk.id,
        slug: s.slug,
        headline: s.headline,
        standfirst: "",
        body: { type: "doc", content: [paragraph(s.body)] },
        publishedAt: new Date(NOW.getTime() - s.ago * day),
        authorIds: s.slug === "trams-in-body" ? [f.ben.id] : [f.ada.id],
      });
      ids[s.slug] = row.id;
    }
    await reindexArticles(db, Object.values(ids), { cascade: false });
  });

  it("finds stemmed words, ranks headline matches first, and never shows future or draft stories", async () => {
    const found = await slugs("tram");
    expect(found.slice(0, 2)).toEqual(["trams-headline", "old-trams"]);
    expect(found).toContain("trams-in-body");
    expect(found).not.toContain("embargoed");
    expect(await slugs("nobody should see")).toEqual([]);
    expect((await search("crossing")).total).toBeGreaterThanOrEqual(2);
  });

  it("gives recent stories a boost but keeps a better match above a newer weaker one", async () => {
    const [first] = await slugs("trams river");
    expect(first).toBe("trams-headline");
    const newest = await slugs("trams", { sort: "newest" });
    expect(newest.indexOf("trams-in-body")).toBeLessThan(newest.indexOf("trams-headline"));
    expect(newest.indexOf("trams-headline")).toBeLessThan(newest.indexOf("old-trams"));
  });

  it("matches quoted phrases word for word", async () => {
    expect(await slugs('"cost of living"')).toEqual(["phrase-story"]);
    expect((await slugs("cost living")).sort()).toEqual(["phrase-story", "words-apart"]);
  });

  it("filters by section, author and date range, and pages", async () => {
    expect(await slugs("trams", { section: "world" })).toEqual(["old-trams"]);
    expect(await slugs("trams", { author: "ben-marsh" })).toEqual(["trams-in-body"]);
    expect(await slugs("trams", { from: new Date(NOW.getTime() - 10 * 86_400_000) })).not.toContain("old-trams");
    expect(await slugs("trams", { to: new Date(NOW.getTime() - 10 * 86_400_000) })).toEqual(["old-trams"]);
    expect(await slugs("trams", { section: "no-such-section" })).toEqual([]);
    const all = await search("trams", { perPage: 2 });
    const second = await search("trams", { perPage: 2, page: 2 });
    expect(all.total).toBe(3);
    expect(all.results).toHaveLength(2);
    expect(second.results.map((r) => r.article.slug)).toHaveLength(1);
    expect(second.results[0]!.article.slug).not.toMatch(new RegExp(all.results.map((r) => r.article.slug).join("|")));
  });

  it("finds stories by their byline", async () => {
    const db = get().handle.db;
    const bylined = async (authorId: number) =>
      (
        await db
          .selectFrom("article_authors as aa")
          .innerJoin("articles as a", "a.id", "aa.article_id")
          .select("a.slug")
          .where("aa.author_id", "=", authorId)
          .where("a.status", "=", "published")
          .where("a.published_at", "<=", NOW.toISOString())
          .execute()
      )
        .map((r) => r.slug)
        .sort();
    const ben = await slugs("Ben Marsh", { perPage: 50 });
    expect(ben).toContain("trams-in-body");
    expect(ben.sort()).toEqual(await bylined(f.ben.id));
    expect((await slugs('"Ada Okafor"', { perPage: 50 })).sort()).toEqual(await bylined(f.ada.id));
    expect(await slugs("Okafor")).not.toContain("embargoed");
    // A name is one more field: among her stories, the one whose headline matches still leads.
    expect((await slugs("Okafor trams"))[0]).toBe("trams-headline");
  });

  it("highlights the words that matched in the headline and the snippet", async () => {
    const [hit] = (await search("councillors tramway")).results;
    expect(hit!.article.slug).toBe("trams-in-body");
    expect(hit!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(["councillors", "tramway"]);
    const [headlineHit] = (await search("crossings")).results;
    expect(headlineHit!.headline.filter((s) => s.match).map((s) => s.text)).toEqual(["crossings"]);
  });

  it.each(HOSTILE)("never fails on a hostile query (%#)", async (q) => {
    const result = await search(q);
    expect(Array.isArray(result.results)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it("reads operators as words rather than syntax", async () => {
    expect(await slugs("-trams")).toContain("trams-headline");
    expect(await slugs("tram*")).toContain("trams-headline");
    expect(await slugs("🚋 trams 🚋")).toContain("trams-headline");
    expect((await search("x".repeat(10_000))).query.truncated).toBe(true);
  });

  it("drops unpublished stories from the index", async () => {
    const db = get().handle.db;
    await db.updateTable("articles").set({ status: "unpublished" }).where("id", "=", ids["old-trams"]!).execute();
    await reindexArticles(db, [ids["old-trams"]!]);
    expect(await slugs("trams")).not.toContain("old-trams");
  });
});
