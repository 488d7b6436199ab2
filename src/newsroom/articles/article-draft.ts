import { z } from "zod";
import { articlePath } from "../../articles/article.js";
import type { ArticleRow, ArticleStatus } from "../../articles/article.table.js";
import { documentToPlainText } from "../../articles/document/DocumentBody.js";
import { documentSchema } from "../../articles/document/document.schema.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";

// The article as the newsroom edits it: every field the editor shows, validated on the way in,
// and the snapshot a revision keeps.

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A slug as typed: normalised to lower-case ASCII words; emoji-only or empty is refused. */
export const slugInput = z
  .string()
  .max(200, "A slug has at most 80 characters")
  .transform((s) => slugify(s))
  .refine((s) => s.length > 0, "A slug needs letters or digits (a-z, 0-9)");

/** The editable fields; every one optional in a save (only what changed need be sent). */
export const draftFields = z.strictObject({
  kicker: text(60),
  headline: text(200),
  standfirst: text(600),
  slug: slugInput,
  sectionId: id,
  tagIds: z.array(id).max(20, "At most 20 topics"),
  authorIds: z.array(id).max(10, "At most 10 authors"),
  heroMediaId: id.nullable(),
  heroCaption: text(1000).nullable(),
  heroCredit: text(200).nullable(),
  videoId: id.nullable(),
  seoTitle: text(70),
  seoDescription: text(200),
  socialMediaId: id.nullable(),
  breaking: z.boolean(),
  editorsNotes: text(10_000),
  body: documentSchema,
  embargoAt: isoTime.nullable(),
});
export type DraftFields = z.output<typeof draftFields>;
export const draftPatch = draftFields.partial().extend({ baseVersion: z.number().int().positive() });
export type DraftPatch = z.output<typeof draftPatch>;

/** What a revision stores: every editable field, as it was. */
export type Snapshot = DraftFields;
export const SNAPSHOT_FIELDS = Object.keys(draftFields.shape) as (keyof Snapshot)[];

export interface ArticleDraft extends Snapshot {
  id: number;
  version: number;
  status: ArticleStatus;
  tags: { id: number; name: string; slug: string }[];
  authors: { id: number; name: string; slug: string }[];
  scheduledAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: number | null;
  url: string;
  wordCount: number;
  readingMinutes: number;
  notes: { id: number; kind: "correction" | "update"; text: string; createdAt: string }[];
  events: { from: string; to: string; user: string | null; note: string; at: string }[];
}

export const WORDS_PER_MINUTE = 230;

export function countWords(snapshot: Pick<Snapshot, "headline" | "standfirst" | "body">): number {
  const body = documentToPlainText(snapshot.body);
  return `${snapshot.standfirst} ${body}`.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export async function snapshotOf(db: Db, row: ArticleRow): Promise<Snapshot> {
  const [authors, tags] = await Promise.all([
    db.selectFrom("article_authors").select("author_id").where("article_id", "=", row.id).orderBy("position").execute(),
    db.selectFrom("article_tags").select("tag_id").where("article_id", "=", row.id).orderBy("tag_id").execute(),
  ]);
  return {
    kicker: row.kicker,
    headline: row.headline,
    standfirst: row.standfirst,
    slug: row.slug,
    sectionId: row.section_id,
    tagIds: tags.map((t) => t.tag_id),
    authorIds: authors.map((a) => a.author_id),
    heroMediaId: row.hero_media_id,
    heroCaption: row.hero_caption,
    heroCredit: row.hero_credit,
    videoId: row.video_id,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    socialMediaId: row.social_media_id,
    breaking: row.breaking === 1,
    editorsNotes: row.editors_notes,
    body: JSON.parse(row.body) as Snapshot["body"],
    embargoAt: row.embargo_at,
  };
}

export async function findArticleRow(db: Db, articleId: number): Promise<ArticleRow> {
  const row = await db.selectFrom("articles").selectAll().where("id", "=", articleId).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such article");
  return row;
}

export async function loadDraft(db: Db, articleId: number): Promise<ArticleDraft> {
  const row = await findArticleRow(db, articleId);
  const snapshot = await snapshotOf(db, row);
  const [authors, tags, section, notes, events] = await Promise.all([
    db
      .selectFrom("article_authors as aa")
      .innerJoin("authors as au", "au.id", "aa.author_id")
      .select(["au.id", "au.name", "au.slug"])
      .where("aa.article_id", "=", articleId)
      .orderBy("aa.position")
      .execute(),
    db
      .selectFrom("article_tags as at")
      .innerJoin("tags as t", "t.id", "at.tag_id")
      .select(["t.id", "t.name", "t.slug"])
      .where("at.article_id", "=", articleId)
      .orderBy("t.name")
      .execute(),
    db.selectFrom("sections").select("slug").where("id", "=", row.section_id).executeTakeFirst(),
    db
      .selectFrom("article_notes")
      .select(["id", "kind", "text", "created_at"])
      .where("article_id", "=", articleId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("article_events as e")
      .leftJoin("users as u", "u.id", "e.user_id")
      .select(["e.from_status", "e.to_status", "u.name", "e.note", "e.at"])
      .where("e.article_id", "=", articleId)
      .orderBy("e.id")
      .execute(),
  ]);
  const wordCount = countWords(snapshot);
  return {
    ...snapshot,
    id: row.id,
    version: row.version,
    status: row.status,
    tags,
    authors,
    scheduledAt: row.scheduled_at,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    url: articlePath(section?.slug ?? "news", row.slug),
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, text: n.text, createdAt: n.created_at })),
    events: events.map((e) => ({ from: e.from_status, to: e.to_status, user: e.name, note: e.note, at: e.at })),
  };
}
