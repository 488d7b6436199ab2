import type { Kysely } from "kysely";
import type { Database } from "../src/database.js";
import { textFactColumns } from "../src/articles/article-text.js";
import { rebuildDiscoveryIndex } from "../src/discovery/discovery-index.js";

// A generated archive for benchmarks: deterministic pseudo-random articles made from our own word
// list (no outside text), spread over the existing sections, tags and authors.

const WORDS = (
  "council borough river bridge station market budget report plan school hospital housing rent " +
  "transport tram bus cycle lane park museum gallery theatre festival match league club season " +
  "energy wind solar grid battery chip software startup investor bank rate inflation wage worker " +
  "union strike vote election minister mayor court inquiry police weather storm flood harbour ship " +
  "port trade export import farm food price shop street square tower library archive science study " +
  "data climate carbon emissions coast island city region village community volunteer charity"
).split(" ");

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)]!;
const sentence = (r: () => number, n: number) => {
  const words = Array.from({ length: n }, () => pick(r, WORDS));
  return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
};

export async function generateCorpus(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  const r = rng(42);
  const sections = await db.selectFrom("sections").select("id").execute();
  const authors = await db.selectFrom("authors").select("id").execute();
  const media = await db.selectFrom("media").select("id").where("storage_key", "like", "images/demo/%").execute();
  const tags: number[] = [];
  for (let i = 0; i < 60; i++) {
    const row = await db
      .insertInto("tags")
      .values({ slug: `bench-topic-${i}`, name: `Bench topic ${i}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    tags.push(row.id);
  }
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        // Spread over the last 400 days, the newest a few minutes old.
        const published = new Date(now.getTime() - (i * 400 * 24 * 3600_000) / count - 5 * 60_000).toISOString();
        const body = {
          type: "doc",
          content: Array.from({ length: 8 }, () => ({
            type: "paragraph",
            content: [{ type: "text", text: Array.from({ length: 4 }, () => sentence(r, 14)).join(" ") }],
          })),
        };
        const kicker = pick(r, WORDS);
        const headline = sentence(r, 9).slice(0, -1);
        const standfirst = sentence(r, 20);
        const row = await trx
          .insertInto("articles")
          .values({
            slug: `bench-story-${i}`,
            kicker,
            headline,
            standfirst,
            body: JSON.stringify(body),
            ...textFactColumns(standfirst, JSON.stringify(body)),
            section_id: pick(r, sections).id,
            hero_media_id: r() < 0.6 && media.length ? pick(r, media).id : null,
            status: "published",
            published_at: published,
            updated_at: published,
            created_at: published,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("article_authors")
          .values({ article_id: row.id, author_id: pick(r, authors).id, position: 0 })
          .execute();
        const chosen = new Set([pick(r, tags), pick(r, tags), pick(r, tags)]);
        for (const tagId of chosen)
          await trx.insertInto("article_tags").values({ article_id: row.id, tag_id: tagId }).execute();
      }
    });
  }
  // Every article gets its search entry, term vector and stored related list, as publishing does.
  await rebuildDiscoveryIndex(db);
}
