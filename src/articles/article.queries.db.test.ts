import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection, buildTag } from "../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { startOfZonedDay } from "../platform/time.js";
import {
  countPublishedArticles,
  findCurrentPathForOldSlug,
  findPublishedArticleBySlug,
  listLatestPerSection,
  listPublishedArticles,
  listStoredRelatedArticles,
  loadArticleDetails,
} from "./article.queries.js";
import { refreshRelatedArticles } from "../discovery/related-lists.js";

describeEachDatabase("article queries", (get) => {
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  beforeAll(async () => {
    f = await buildNewsroom(get().handle.db);
  });

  it("lists today's headlines by the London day, newest first, published only", async () => {
    const since = startOfZonedDay(NOW, "Europe/London");
    expect(since.toISOString()).toBe("2026-06-30T23:00:00.000Z");
    const today = await listPublishedArticles(get().handle.db, { since, limit: 30 });
    expect(today.map((a) => a.slug)).toEqual(["night-buses-return", "ferries-in-rotterdam", "just-after-midnight"]);
    expect(today[0]).toMatchObject({
      url: "/uk/night-buses-return",
      section: { slug: "uk", name: "UK" },
      hero: { src: "/media/images/test/hero.jpg", width: 1600, height: 900, alt: "The river at dawn" },
      breaking: false,
    });
    expect(today[0]!.publishedAt).toBeInstanceOf(Date);
  });

  it("filters by section, tag and author, and counts the same way", async () => {
    const db = get().handle.db;
    const uk = await listPublishedArticles(db, { sectionId: f.uk.id, limit: 10 });
    expect(uk.map((a) => a.slug)).toEqual(["night-buses-return", "library-hours"]);
    expect(await countPublishedArticles(db, { sectionId: f.uk.id })).toBe(2);
    const tagged = await listPublishedArticles(db, { tagId: f.transport.id, limit: 10 });
    expect(tagged.map((a) => a.slug)).toEqual(["night-buses-return", "ferries-in-rotterdam"]);
    expect(await countPublishedArticles(db, { tagId: f.transport.id })).toBe(2);
    const byAda = await listPublishedArticles(db, { authorId: f.ada.id, limit: 10 });
    expect(byAda.map((a) => a.slug)).toEqual(["night-buses-return", "library-hours"]);
    const page2 = await listPublishedArticles(db, { limit: 2, offset: 2 });
    expect(page2.map((a) => a.slug)).toEqual(["just-after-midnight", "late-yesterday"]);
  });

  it("finds the newest articles of every section in one query", async () => {
    const bySection = await listLatestPerSection(get().handle.db, [f.uk.id, f.world.id], 1, [f.lead.id]);
    expect(bySection.get(f.uk.id)?.map((a) => a.slug)).toEqual(["library-hours"]);
    expect(bySection.get(f.world.id)?.map((a) => a.slug)).toEqual(["ferries-in-rotterdam"]);
  });

  it("finds a published article with its details, and never a draft", async () => {
    const db = get().handle.db;
    const article = await findPublishedArticleBySlug(db, "night-buses-return");
    expect(article).toMatchObject({
      headline: "Night buses return to the river crossings",
      heroCaption: "Hero caption",
    });
    expect(await findPublishedArticleBySlug(db, "unfinished-draft")).toBeUndefined();
    const details = await loadArticleDetails(db, f.lead.id);
    expect(details.authors.map((a) => a.name)).toEqual(["Ada Okafor", "Ben Marsh"]);
    expect(details.tags.map((t) => t.slug)).toEqual(["housing", "transport"]);
    expect(details.notes).toEqual([
      { kind: "correction", text: "An earlier version misnamed the depot.", createdAt: expect.any(Date) },
    ]);
    expect(await findCurrentPathForOldSlug(db, "night-buses-come-back")).toBe("/uk/night-buses-return");
    expect(await findCurrentPathForOldSlug(db, "never-existed")).toBeUndefined();
  });

  it("stores related lists and reads them back in order, published items only", async () => {
    const db = get().handle.db;
    // Content first (a shared topic, then shared words: "night", "midnight"), the section's newest to fill.
    const expected = ["ferries-in-rotterdam", "late-yesterday", "just-after-midnight", "library-hours"];
    const stored = await listStoredRelatedArticles(db, f.lead.id, 4);
    expect(stored.map((a) => a.slug)).toEqual(expected);
    await db.updateTable("articles").set({ status: "unpublished" }).where("id", "=", f.sameTag.id).execute();
    expect((await listStoredRelatedArticles(db, f.lead.id, 4)).map((a) => a.slug)).toEqual(expected.slice(1));
    await db.updateTable("articles").set({ status: "published" }).where("id", "=", f.sameTag.id).execute();
    await refreshRelatedArticles(db, [f.lead.id]);
    const again = await listStoredRelatedArticles(db, f.lead.id, 4);
    expect(again.map((a) => a.slug)).toEqual(expected);
  });

  it("keeps slugs unique", async () => {
    const db = get().handle.db;
    const s = await buildSection(db);
    await buildArticle(db, { sectionId: s.id, slug: "only-once", publishedAt: NOW });
    await expect(buildArticle(db, { sectionId: s.id, slug: "only-once", publishedAt: NOW })).rejects.toThrow();
    await expect(buildTag(db, { slug: "transport" })).rejects.toThrow();
  });
});
