import type { Db } from "../../src/database.js";
import type { ArticleStatus } from "../../src/articles/article.table.js";

// Factories insert real rows through Kysely; each takes only what a test cares about.

let counter = 0;
const next = () => ++counter;
const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

export async function buildSection(db: Db, input: { slug?: string; name?: string; position?: number } = {}) {
  const n = next();
  const slug = input.slug ?? `section-${n}`;
  return db
    .insertInto("sections")
    .values({ slug, name: input.name ?? `Section ${n}`, description: `About ${slug}`, position: input.position ?? n })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
}

export async function buildAuthor(db: Db, input: { slug?: string; name?: string } = {}) {
  const n = next();
  return db
    .insertInto("authors")
    .values({
      slug: input.slug ?? `author-${n}`,
      name: input.name ?? `Author ${n}`,
      role: "Reporter",
      bio: "Writes things.",
    })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
}

export async function buildTag(db: Db, input: { slug?: string; name?: string } = {}) {
  const n = next();
  return db
    .insertInto("tags")
    .values({ slug: input.slug ?? `tag-${n}`, name: input.name ?? `Tag ${n}` })
    .returning(["id", "slug", "name"])
    .executeTakeFirstOrThrow();
}

export async function buildImage(db: Db, input: { key?: string; widths?: number[]; alt?: string } = {}) {
  return db
    .insertInto("media")
    .values({
      kind: "image",
      storage_key: input.key ?? `images/test/${next()}.jpg`,
      mime: "image/jpeg",
      width: 1600,
      height: 900,
      variant_widths: JSON.stringify(input.widths ?? [320, 640]),
      alt: input.alt ?? "A test image",
      caption: "Library caption",
      credit: "Test credit",
      created_at: new Date().toISOString(),
    })
    .returning(["id", "storage_key"])
    .executeTakeFirstOrThrow();
}

export async function buildVideo(db: Db, input: { title?: string; featured?: boolean; publishedAt?: Date } = {}) {
  const n = next();
  return db
    .insertInto("videos")
    .values({
      slug: `video-${n}`,
      title: input.title ?? `Video ${n}`,
      storage_key: `video/test/${n}.mp4`,
      mime: "video/mp4",
      poster_media_id: null,
      captions: JSON.stringify([{ lang: "en", label: "English", storageKey: `video/test/${n}.en.vtt` }]),
      duration_seconds: 10,
      width: 640,
      height: 360,
      featured: input.featured === false ? 0 : 1,
      published_at: iso(input.publishedAt ?? new Date()),
    })
    .returning(["id", "slug", "title"])
    .executeTakeFirstOrThrow();
}

export interface ArticleInput {
  sectionId: number;
  slug?: string;
  headline?: string;
  standfirst?: string;
  kicker?: string;
  publishedAt: Date;
  updatedAt?: Date;
  status?: ArticleStatus;
  heroMediaId?: number;
  videoId?: number;
  authorIds?: number[];
  tagIds?: number[];
  body?: object;
  notes?: { kind: "correction" | "update"; text: string; at: Date }[];
}

export async function buildArticle(db: Db, input: ArticleInput) {
  const n = next();
  const slug = input.slug ?? `story-${n}`;
  const row = await db
    .insertInto("articles")
    .values({
      slug,
      kicker: input.kicker ?? "",
      headline: input.headline ?? `Headline number ${n}`,
      standfirst: input.standfirst ?? `Standfirst number ${n}.`,
      body: JSON.stringify(
        input.body ?? {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: `Body of ${slug}.` }] }],
        },
      ),
      section_id: input.sectionId,
      hero_media_id: input.heroMediaId ?? null,
      hero_caption: input.heroMediaId ? "Hero caption" : null,
      hero_credit: input.heroMediaId ? "Hero credit" : null,
      video_id: input.videoId ?? null,
      status: input.status ?? "published",
      published_at: input.publishedAt.toISOString(),
      updated_at: (input.updatedAt ?? input.publishedAt).toISOString(),
      created_at: input.publishedAt.toISOString(),
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  for (const [position, authorId] of (input.authorIds ?? []).entries()) {
    await db.insertInto("article_authors").values({ article_id: row.id, author_id: authorId, position }).execute();
  }
  for (const tagId of input.tagIds ?? []) {
    await db.insertInto("article_tags").values({ article_id: row.id, tag_id: tagId }).execute();
  }
  for (const note of input.notes ?? []) {
    await db
      .insertInto("article_notes")
      .values({ article_id: row.id, kind: note.kind, text: note.text, created_at: note.at.toISOString() })
      .execute();
  }
  return row;
}

export async function buildBriefing(
  db: Db,
  input: { date: string; publishedAt: Date; articleIds: number[]; newsletter?: string },
) {
  const row = await db
    .insertInto("briefings")
    .values({
      newsletter: input.newsletter ?? "morning-headlines",
      edition_date: input.date,
      intro: "Good morning.",
      status: "published",
      published_at: input.publishedAt.toISOString(),
      created_at: input.publishedAt.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [position, articleId] of input.articleIds.entries()) {
    await db
      .insertInto("briefing_items")
      .values({ briefing_id: row.id, position, article_id: articleId, line: `Line for item ${position + 1}.` })
      .execute();
  }
  return row;
}
