import { textFacts } from "../../articles/article-text.js";
import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import type { Snapshot } from "./article-draft.js";

// Writing the editable fields of an article: references checked, slugs kept unique and a published
// address kept answering. Used by saves of unpublished text and by a staged update going live.

/** A slug no other article uses now or used before (old slugs keep redirecting to their article). */
export async function slugAvailable(db: Db, slug: string, articleId?: number): Promise<boolean> {
  const current = await db.selectFrom("articles").select("id").where("slug", "=", slug).executeTakeFirst();
  if (current && current.id !== articleId) return false;
  const old = await db
    .selectFrom("article_slug_history")
    .select("article_id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  return !old || old.article_id === articleId;
}

export async function suggestSlug(db: Db, wanted: string, articleId?: number): Promise<string> {
  const base = slugify(wanted) || "untitled";
  if (await slugAvailable(db, base, articleId)) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, 75)}-${n}`;
    if (await slugAvailable(db, candidate, articleId)) return candidate;
  }
  throw new AppError("CONFLICT", "No free slug near this one: choose another");
}

export async function checkReferences(trx: Db, fields: Partial<Snapshot>) {
  const missing: { path: string; message: string }[] = [];
  const exists = async (table: "sections" | "tags" | "authors" | "media" | "videos", ids: number[]) => {
    if (ids.length === 0) return [];
    let q = trx.selectFrom(table).select("id").where("id", "in", ids);
    // An image or video in the trash cannot be put on a story (docs/adr/025).
    if (table === "media" || table === "videos") q = q.where("trashed_at", "is", null);
    const rows = await q.execute();
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((i) => !found.has(i));
  };
  if (fields.sectionId !== undefined && (await exists("sections", [fields.sectionId])).length)
    missing.push({ path: "sectionId", message: "No such section" });
  for (const i of await exists("tags", fields.tagIds ?? [])) missing.push({ path: "tagIds", message: `No topic ${i}` });
  for (const i of await exists("authors", fields.authorIds ?? []))
    missing.push({ path: "authorIds", message: `No author ${i}` });
  const media = [fields.heroMediaId, fields.socialMediaId].filter((m): m is number => typeof m === "number");
  for (const i of await exists("media", media)) missing.push({ path: "heroMediaId", message: `No image ${i}` });
  if (typeof fields.videoId === "number" && (await exists("videos", [fields.videoId])).length)
    missing.push({ path: "videoId", message: "No such video" });
  if (missing.length) {
    throw new AppError("VALIDATION_FAILED", missing.map((m) => `${m.path}: ${m.message}`).join("; "), {
      details: missing,
    });
  }
}

/** Writes the given fields to the article row and its authors/topics (inside `trx`). */
export async function applyFields(trx: Db, row: ArticleRow, fields: Partial<Snapshot>, now: Date) {
  await checkReferences(trx, fields);
  if (fields.slug !== undefined && fields.slug !== row.slug) {
    if (!(await slugAvailable(trx, fields.slug, row.id))) {
      throw new AppError("CONFLICT", `The slug "${fields.slug}" is taken: choose another`, {
        details: [{ path: "slug", message: "Taken" }],
      });
    }
    // A published article's old address answers 301 for ever; a draft's never had readers.
    if (row.status === "published" || row.published_at) {
      await trx.deleteFrom("article_slug_history").where("slug", "=", fields.slug).execute();
      await trx
        .insertInto("article_slug_history")
        .values({ slug: row.slug, article_id: row.id, created_at: now.toISOString() })
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
    }
  }
  const set: Record<string, unknown> = {};
  const columns: Partial<Record<keyof Snapshot, string>> = {
    kicker: "kicker",
    headline: "headline",
    standfirst: "standfirst",
    slug: "slug",
    sectionId: "section_id",
    heroMediaId: "hero_media_id",
    heroCaption: "hero_caption",
    heroCredit: "hero_credit",
    videoId: "video_id",
    seoTitle: "seo_title",
    seoDescription: "seo_description",
    socialMediaId: "social_media_id",
    editorsNotes: "editors_notes",
    embargoAt: "embargo_at",
  };
  for (const [field, column] of Object.entries(columns)) {
    const value = fields[field as keyof Snapshot];
    if (value !== undefined) set[column] = value;
  }
  if (fields.breaking !== undefined) set.breaking = fields.breaking ? 1 : 0;
  if (fields.body !== undefined) set.body = JSON.stringify(fields.body);
  // The description and word count the page shows follow the text (articles/article-text.ts).
  if (fields.body !== undefined || fields.standfirst !== undefined) {
    const facts = fields.body
      ? textFacts(fields.standfirst ?? row.standfirst, fields.body)
      : textFacts(fields.standfirst ?? row.standfirst, parseStoredBody(row.body));
    set.description = facts.description;
    set.word_count = facts.wordCount;
  }
  if (Object.keys(set).length) await trx.updateTable("articles").set(set).where("id", "=", row.id).execute();
  if (fields.authorIds) {
    await trx.deleteFrom("article_authors").where("article_id", "=", row.id).execute();
    const unique = [...new Set(fields.authorIds)];
    if (unique.length) {
      await trx
        .insertInto("article_authors")
        .values(unique.map((author_id, position) => ({ article_id: row.id, author_id, position })))
        .execute();
    }
  }
  if (fields.tagIds) {
    await trx.deleteFrom("article_tags").where("article_id", "=", row.id).execute();
    const unique = [...new Set(fields.tagIds)];
    if (unique.length) {
      await trx
        .insertInto("article_tags")
        .values(unique.map((tag_id) => ({ article_id: row.id, tag_id })))
        .execute();
    }
  }
}

function parseStoredBody(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { type: "doc", content: [] };
  }
}
