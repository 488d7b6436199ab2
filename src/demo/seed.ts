import { reindexArticles } from "../discovery/discovery-index.js";
import { slugify } from "../platform/slug.js";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BlockNode } from "../articles/document/document.schema.js";
import { validateDocument } from "../articles/document/document.schema.js";
import type { Database } from "../database.js";
import { storeImage } from "../media/image-processing.js";
import { LocalDiskStorage, type Storage } from "../platform/storage/storage.js";
import type { Kysely } from "kysely";
import { demoAuthors, demoSections } from "./newsroom.js";
import { deskBusinessTechnology } from "./stories-desk-business-technology.js";
import { deskSportCulture } from "./stories-desk-sport-culture.js";
import { deskUkWorld } from "./stories-desk-uk-world.js";
import { storiesNewsdesk } from "./stories-newsdesk.js";
import { storiesBusinessTechnology } from "./stories-business-technology.js";
import { storiesSportCulture } from "./stories-sport-culture.js";
import { storiesUkWorld } from "./stories-uk-world.js";
import { seedDemoEditions } from "./demo-editions.js";
import { demoVideo } from "./demo-video.js";
import type { DemoArticle, DemoBlock, DemoImageKey } from "./demo.types.js";
import { parseInline } from "./inline-markup.js";

const MEDIA_SOURCE = fileURLToPath(new URL("./media/", import.meta.url));
/** The demo stories, desk by desk. */
export const demoArticles: DemoArticle[] = [
  ...storiesNewsdesk,
  ...deskUkWorld,
  ...deskBusinessTechnology,
  ...deskSportCulture,
  ...storiesUkWorld,
  ...storiesBusinessTechnology,
  ...storiesSportCulture,
];

const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3600_000).toISOString();

function toBlock(block: DemoBlock, images: Map<string, number>, videoId: number): BlockNode {
  if (typeof block === "string") return { type: "paragraph", content: parseInline(block) };
  if ("h2" in block) return { type: "heading", attrs: { level: 2 }, content: parseInline(block.h2) };
  if ("h3" in block) return { type: "heading", attrs: { level: 3 }, content: parseInline(block.h3) };
  if ("quote" in block)
    return {
      type: "blockquote",
      ...(block.by ? { attrs: { attribution: block.by } } : {}),
      content: [{ type: "paragraph", content: parseInline(block.quote) }],
    };
  if ("pull" in block) return { type: "pullQuote", attrs: { attribution: block.by }, content: parseInline(block.pull) };
  if ("list" in block)
    return {
      type: block.ordered ? "orderedList" : "bulletList",
      content: block.list.map((item) => ({
        type: "listItem" as const,
        content: [{ type: "paragraph" as const, content: parseInline(item) }],
      })),
    };
  if ("image" in block)
    return {
      type: "image",
      attrs: { mediaId: images.get(block.image)!, alt: block.alt, caption: block.caption, credit: block.credit },
    };
  if ("divider" in block) return { type: "horizontalRule" };
  return { type: "video", attrs: { videoId } };
}

/** Builds and validates an article's document; demo copy that breaks the schema fails the seed loudly. */
export function demoDocument(article: DemoArticle, images: Map<string, number>, videoId: number) {
  const result = validateDocument({ type: "doc", content: article.body.map((b) => toBlock(b, images, videoId)) });
  if (!result.ok) throw new Error(`Demo article ${article.slug} is invalid: ${result.errors.join("; ")}`);
  return result.doc;
}

export interface SeedOptions {
  dataDir: string;
  now: Date;
  timeZone: string;
  /** Where the demo's files go; DATA_DIR/media unless given (the configured bucket). */
  storage?: Storage;
}

/** Seeds the demo newsroom into an empty database. Returns false (and does nothing) if articles exist. */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<boolean> {
  const existing = await db.selectFrom("articles").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  const storage = options.storage ?? new LocalDiskStorage(path.join(options.dataDir, "media"));
  const now = options.now;
  const at = now.toISOString();

  // Files first (outside the transaction); they are written atomically and re-writing them is harmless.
  const imageKeys = new Set<DemoImageKey>();
  for (const a of demoArticles) {
    if (a.hero) imageKeys.add(a.hero.image);
    for (const b of a.body) if (typeof b === "object" && "image" in b) imageKeys.add(b.image);
  }
  for (const au of demoAuthors) if (au.photo) imageKeys.add(au.photo);
  const stored: ({ key: DemoImageKey } & Awaited<ReturnType<typeof storeImage>>)[] = [];
  for (const key of [...imageKeys].sort()) {
    const source = await fs.readFile(path.join(MEDIA_SOURCE, `${key}.jpg`));
    stored.push({ key, ...(await storeImage(storage, source, `images/demo/${key}.jpg`)) });
  }
  const poster = await storeImage(
    storage,
    await fs.readFile(path.join(MEDIA_SOURCE, demoVideo.poster)),
    `images/demo/${demoVideo.poster}`,
  );
  await storage.write(`video/demo/${demoVideo.file}`, await fs.readFile(path.join(MEDIA_SOURCE, demoVideo.file)));
  for (const track of demoVideo.captions) {
    await storage.write(`video/demo/${track.file}`, await fs.readFile(path.join(MEDIA_SOURCE, track.file)));
  }

  await db.transaction().execute(async (trx) => {
    const sectionIds = new Map<string, number>();
    for (const [position, s] of demoSections.entries()) {
      const row = await trx
        .insertInto("sections")
        .values({ slug: s.slug, name: s.name, description: s.description, position })
        .returning("id")
        .executeTakeFirstOrThrow();
      sectionIds.set(s.slug, row.id);
    }

    const imageIds = new Map<string, number>();
    const imageAlt = new Map<string, string>();
    for (const a of demoArticles) if (a.hero) imageAlt.set(a.hero.image, a.hero.alt);
    for (const img of stored) {
      const row = await trx
        .insertInto("media")
        .values({
          kind: "image",
          storage_key: img.storageKey,
          mime: img.mime,
          width: img.width,
          height: img.height,
          variant_widths: JSON.stringify(img.variantWidths),
          alt: imageAlt.get(img.key) ?? "",
          caption: "",
          credit: "Illustration: London Daily",
          created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      imageIds.set(img.key, row.id);
    }
    const posterRow = await trx
      .insertInto("media")
      .values({
        kind: "image",
        storage_key: poster.storageKey,
        mime: poster.mime,
        width: poster.width,
        height: poster.height,
        variant_widths: JSON.stringify(poster.variantWidths),
        alt: `Poster frame of the video ${demoVideo.title}`,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const video = await trx
      .insertInto("videos")
      .values({
        slug: demoVideo.slug,
        title: demoVideo.title,
        description: demoVideo.description,
        storage_key: `video/demo/${demoVideo.file}`,
        mime: "video/mp4",
        poster_media_id: posterRow.id,
        captions: JSON.stringify(
          demoVideo.captions.map((c) => ({ lang: c.lang, label: c.label, storageKey: `video/demo/${c.file}` })),
        ),
        duration_seconds: demoVideo.durationSeconds,
        width: demoVideo.width,
        height: demoVideo.height,
        featured: 1,
        published_at: hoursBefore(now, 30),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const authorIds = new Map<string, number>();
    for (const au of demoAuthors) {
      const row = await trx
        .insertInto("authors")
        .values({
          slug: au.slug,
          name: au.name,
          role: au.role,
          bio: au.bio,
          photo_media_id: au.photo ? (imageIds.get(au.photo) ?? null) : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      authorIds.set(au.slug, row.id);
    }

    const tagIds = new Map<string, number>();
    for (const name of [...new Set(demoArticles.flatMap((a) => a.tags))].sort()) {
      const row = await trx
        .insertInto("tags")
        .values({ slug: slugify(name), name })
        .returning("id")
        .executeTakeFirstOrThrow();
      tagIds.set(name, row.id);
    }

    const articleIds = new Map<string, number>();
    for (const a of demoArticles) {
      const sectionId = sectionIds.get(a.section);
      if (sectionId === undefined) throw new Error(`Demo article ${a.slug} names unknown section ${a.section}`);
      const published = hoursBefore(now, a.hoursAgo);
      const row = await trx
        .insertInto("articles")
        .values({
          slug: a.slug,
          kicker: a.kicker,
          headline: a.headline,
          standfirst: a.standfirst,
          body: JSON.stringify(demoDocument(a, imageIds, video.id)),
          section_id: sectionId,
          hero_media_id: a.hero ? (imageIds.get(a.hero.image) ?? null) : null,
          hero_caption: a.hero?.caption ?? null,
          hero_credit: a.hero?.credit ?? null,
          video_id: a.video ? video.id : null,
          status: "published",
          published_at: published,
          updated_at: hoursBefore(now, a.updatedHoursAgo ?? a.hoursAgo),
          created_at: published,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      articleIds.set(a.slug, row.id);
      for (const [position, slug] of a.authors.entries()) {
        const authorId = authorIds.get(slug);
        if (authorId === undefined) throw new Error(`Demo article ${a.slug} names unknown author ${slug}`);
        await trx.insertInto("article_authors").values({ article_id: row.id, author_id: authorId, position }).execute();
      }
      for (const tag of new Set(a.tags)) {
        await trx
          .insertInto("article_tags")
          .values({ article_id: row.id, tag_id: tagIds.get(tag)! })
          .execute();
      }
      for (const note of a.corrections ?? []) {
        await trx
          .insertInto("article_notes")
          .values({ article_id: row.id, kind: note.kind, text: note.text, created_at: hoursBefore(now, note.hoursAgo) })
          .execute();
      }
    }

    await reindexArticles(trx, [...articleIds.values()], { cascade: false });

    await seedDemoEditions(trx, {
      now,
      timeZone: options.timeZone,
      articles: demoArticles.map((a) => ({
        id: articleIds.get(a.slug)!,
        publishedAt: new Date(hoursBefore(now, a.hoursAgo)),
        line: a.standfirst,
      })),
    });
  });
  return true;
}
