import { z } from "zod";
import { articlePath } from "../../articles/article.js";
import type { ArticleRow, ArticleStatus } from "../../articles/article.table.js";
import { countWords, documentToPlainText, readingMinutes } from "../../articles/document/plain-text.js";
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
  /**
   * Edits to a published article not yet live (docs/adr/019): the fields above are then the
   * pending copy, and `changes` counts the fields that differ from what readers see.
   */
  pending: PendingSummary | null;
}

export interface PendingSummary {
  changes: number;
  /** Made by someone who may not publish the article: waiting for an editor. */
  review: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

/** The pending copy of a published article's edits, when there is one. */
export async function findPending(db: Db, articleId: number) {
  const row = await db
    .selectFrom("article_pending as p")
    .leftJoin("users as u", "u.id", "p.updated_by")
    .select(["p.snapshot", "p.review", "p.updated_at", "u.name"])
    .where("p.article_id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    snapshot: JSON.parse(row.snapshot) as Snapshot,
    review: row.review === 1,
    updatedAt: row.updated_at,
    updatedBy: row.name,
  };
}

/** The fields in which two snapshots differ. */
export function changedFields(a: Snapshot, b: Snapshot): (keyof Snapshot)[] {
  return SNAPSHOT_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** The words of a story's standfirst and body, as the editor counts them beside the text. */
export function snapshotWords(snapshot: Pick<Snapshot, "standfirst" | "body">): number {
  return countWords(`${snapshot.standfirst} ${documentToPlainText(snapshot.body)}`);
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
  const live = await snapshotOf(db, row);
  const pending = await findPending(db, articleId);
  // The newsroom edits the pending copy when there is one; readers keep the live row.
  const snapshot = pending?.snapshot ?? live;
  const [authors, tags, section, notes, events] = await Promise.all([
    refsOf(db, "authors", snapshot.authorIds),
    refsOf(db, "tags", snapshot.tagIds).then((t) => t.sort((x, y) => x.name.localeCompare(y.name))),
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
  const wordCount = snapshotWords(snapshot);
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
    pending: pending
      ? {
          changes: changedFields(live, pending.snapshot).length,
          review: pending.review,
          updatedAt: pending.updatedAt,
          updatedBy: pending.updatedBy,
        }
      : null,
    url: articlePath(section?.slug ?? "news", row.slug),
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, text: n.text, createdAt: n.created_at })),
    events: events.map((e) => ({ from: e.from_status, to: e.to_status, user: e.name, note: e.note, at: e.at })),
  };
}

/** Authors or topics by id, in the order given (names as they are now). */
async function refsOf(db: Db, table: "authors" | "tags", ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom(table).select(["id", "name", "slug"]).where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((i) => {
    const r = byId.get(i);
    return r ? [{ id: r.id, name: r.name, slug: r.slug }] : [];
  });
}
