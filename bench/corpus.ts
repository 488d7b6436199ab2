import type { Kysely } from "kysely";
import type { Database } from "../src/database.js";
import { textFactColumns } from "../src/articles/article-text.js";
import { rebuildDiscoveryIndex } from "../src/discovery/discovery-index.js";
import { StoryWords, TOPICS } from "./story-words.js";

// A generated archive for benchmarks: deterministic pseudo-random articles of invented words
// (story-words.ts: a topic's vocabulary over a shared one, no outside text), spread over the
// existing sections and authors, each with its topic's tag and two others.

const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)]!;

export async function generateCorpus(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  const words = new StoryWords(42);
  const r = () => words.random();
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
        const topic = Math.floor(r() * TOPICS);
        const body = {
          type: "doc",
          content: Array.from({ length: 8 }, () => ({
            type: "paragraph",
            content: [{ type: "text", text: Array.from({ length: 4 }, () => words.sentence(topic)).join(" ") }],
          })),
        };
        const kicker = words.words(topic, 1, 1);
        const headline = words.words(topic, 7, 11);
        const standfirst = `${words.words(topic, 16, 24)}.`;
        const row = await trx
          .insertInto("articles")
          .values({
            slug: `bench-story-${i}`,
            kicker,
            headline,
            standfirst,
            body: JSON.stringify(body),
            ...textFactColumns(standfirst, JSON.stringify(body)),
            section_id: sections[topic % sections.length]!.id,
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
        const chosen = new Set([tags[topic]!, pick(r, tags), pick(r, tags)]);
        for (const tagId of chosen)
          await trx.insertInto("article_tags").values({ article_id: row.id, tag_id: tagId }).execute();
      }
    });
  }
  // Every article gets its search entry, term vector and stored related list, as publishing does.
  await rebuildDiscoveryIndex(db);
}
