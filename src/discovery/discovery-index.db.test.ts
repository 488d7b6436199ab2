import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { listStoredRelatedArticles } from "../articles/article.queries.js";
import { rebuildDiscoveryIndex, reindexArticles } from "./discovery-index.js";
import { rankRelated } from "./related-lists.js";

const NOW = new Date("2026-07-01T10:00:00Z");
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const LONG =
  "The tram network reopens with new trams, new tram stops and a new tram depot. Engineers rebuilt the " +
  "junction at Reeves Corner and relaid two miles of rail. Passengers queued before dawn for the first " +
  "service, which left Wimbledon on time. The operator says services will run every eight minutes, with " +
  "extra late-night trams at weekends, and that contactless fares are unchanged.";
const STORIES: Record<string, [string, string]> = {
  tramA: ["Trams return to Croydon", LONG],
  tramB: [
    "Tram depot opens",
    "A tram depot for the growing tram network; trams will be serviced overnight at the depot.",
  ],
  tramCopy: ["Croydon trams are back", LONG],
  tramC: ["Tram fares frozen", "Tram fares stay the same next year on every tram route, the network said."],
  bread: ["Bread prices rise", "Bakers blame flour and energy costs for the price of a loaf."],
  budget: ["Budget day", "The chancellor sets out taxes and spending for the year ahead."],
};

describeEachDatabase("the discovery index", (get) => {
  const id: Record<string, number> = {};
  beforeAll(async () => {
    const db = get().handle.db;
    const section = await buildSection(db);
    for (const [key, [headline, body]] of Object.entries(STORIES)) {
      const row = await buildArticle(db, {
        sectionId: section.id,
        slug: key.toLowerCase(),
        headline,
        standfirst: "",
        body: doc(body),
        publishedAt: NOW,
      });
      id[key] = row.id;
    }
    await rebuildDiscoveryIndex(db);
  });
  const slugs = async (key: string) =>
    (await listStoredRelatedArticles(get().handle.db, id[key]!, 8)).map((a) => a.slug);

  it("relates stories by what they say, and never lists a near-duplicate", async () => {
    const related = await slugs("tramA");
    expect(related.slice(0, 2).sort()).toEqual(["tramb", "tramc"]);
    expect(related).not.toContain("tramcopy");
    expect(related).not.toContain("trama");
  });

  it("puts an editor's pins first and leaves exclusions out", async () => {
    const db = get().handle.db;
    await db
      .insertInto("related_overrides")
      .values([
        { article_id: id.tramA!, related_id: id.budget!, kind: "pin", position: 0 },
        { article_id: id.tramA!, related_id: id.tramB!, kind: "exclude", position: 0 },
      ])
      .execute();
    const ranked = await rankRelated(db, id.tramA!, 3);
    expect(ranked.map((r) => r.id)).toEqual([id.budget, id.tramC, expect.any(Number)]);
    expect(ranked.map((r) => r.id)).not.toContain(id.tramB);
    await db.deleteFrom("related_overrides").execute();
  });

  it("brings a newly published story into the lists it belongs to, and takes an unpublished one out", async () => {
    const db = get().handle.db;
    const section = await db.selectFrom("sections").select("id").executeTakeFirstOrThrow();
    const fresh = await buildArticle(db, {
      sectionId: section.id,
      slug: "tram-strike",
      headline: "Tram drivers strike",
      standfirst: "",
      body: doc("Tram drivers walk out; no trams run on the tram network today."),
      publishedAt: NOW,
    });
    await db.transaction().execute((trx) => reindexArticles(trx, [fresh.id]));
    expect(await slugs("tramC")).toContain("tram-strike");
    expect((await listStoredRelatedArticles(db, fresh.id, 8)).map((a) => a.slug)).toContain("tramc");

    await db.updateTable("articles").set({ status: "unpublished" }).where("id", "=", fresh.id).execute();
    await db.transaction().execute((trx) => reindexArticles(trx, [fresh.id]));
    const stored = await db
      .selectFrom("article_related")
      .select("article_id")
      .where("related_id", "=", fresh.id)
      .execute();
    expect(stored).toEqual([]);
    expect(await db.selectFrom("article_terms").select("term").where("article_id", "=", fresh.id).execute()).toEqual(
      [],
    );
  });

  it("counts every published article once in the document frequencies after a rebuild", async () => {
    const db = get().handle.db;
    await rebuildDiscoveryIndex(db);
    const total = await db.selectFrom("term_stats").select("df").where("term", "=", "").executeTakeFirstOrThrow();
    expect(total.df).toBe(Object.keys(STORIES).length);
    const tram = await db.selectFrom("term_stats").select("df").where("term", "=", "tram").executeTakeFirstOrThrow();
    expect(tram.df).toBe(4);
  });
});
