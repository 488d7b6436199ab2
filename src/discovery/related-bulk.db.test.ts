import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { openSecondConnection } from "../../test/support/second-connection.js";
import { rebuildDiscoveryIndex } from "./discovery-index.js";
import { RELATED_KEPT, rankRelated } from "./related-lists.js";

// The rebuild relates the whole archive in one pass in memory; it must store exactly the lists
// that ranking each article on its own (what a newsroom publish does) gives, in a number of
// queries that does not grow with the archive.

const TOPICS = [
  "tram depot rail junction passenger fare network driver signal",
  "bread flour bakery loaf oven harvest wheat price shop",
  "budget chancellor tax spending treasury borrowing deficit growth",
  "harbour ferry tide pier boat crossing river quay captain",
];
const START = Date.parse("2026-03-01T08:00:00Z");
const ARTICLES = 48;

describeEachDatabase("rebuilding related lists in one pass", (get) => {
  const ids: number[] = [];
  beforeAll(async () => {
    const db = get().handle.db;
    const sections = [await buildSection(db), await buildSection(db)];
    const tags = [];
    for (const name of ["Transport", "Food", "Money"]) {
      tags.push(
        await db
          .insertInto("tags")
          .values({ slug: name.toLowerCase(), name })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    }
    for (let i = 0; i < ARTICLES; i++) {
      const words = TOPICS[i % TOPICS.length]!.split(" ");
      // Each story draws on its topic with its own emphasis; every 11th is about nothing shared.
      const text =
        i % 11 === 10
          ? `Unrelated oddity number ${i} zygote quixotic`
          : Array.from({ length: 12 }, (_, k) => words[(k * (i + 3)) % words.length]).join(" ");
      const row = await buildArticle(db, {
        sectionId: sections[i % 2]!.id,
        slug: `story-${i}`,
        headline: `${words[i % words.length]} story ${i}`,
        standfirst: "",
        body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
        publishedAt: new Date(START + i * 3_600_000),
      });
      ids.push(row.id);
      if (i % 3 === 0)
        await db
          .insertInto("article_tags")
          .values({ article_id: row.id, tag_id: tags[i % 3]!.id })
          .execute();
    }
    await db
      .insertInto("related_overrides")
      .values([
        { article_id: ids[0]!, related_id: ids[7]!, kind: "pin", position: 0 },
        { article_id: ids[0]!, related_id: ids[4]!, kind: "exclude", position: 1 },
      ])
      .execute();
  });

  it("stores the lists ranking each article alone gives, in a bounded number of queries", async () => {
    let queries = 0;
    const counted = await openSecondConnection(get(), { onQuery: () => (queries += 1) });
    try {
      await rebuildDiscoveryIndex(counted.db);
    } finally {
      await counted.destroy();
    }
    expect(queries).toBeLessThan(ARTICLES);
    const db = get().handle.db;
    for (const id of ids) {
      const stored = await db
        .selectFrom("article_related")
        .select("related_id")
        .where("article_id", "=", id)
        .orderBy("position")
        .execute();
      const ranked = await rankRelated(db, id, RELATED_KEPT);
      expect({ id, list: stored.map((r) => r.related_id) }).toEqual({ id, list: ranked.map((r) => r.id) });
    }
  });
});
