import { sql } from "kysely";
import type { Db } from "../database.js";
import { type Image, toImage } from "./image.js";
import type { MediaLibraryRow, MediaTable } from "./media.table.js";
import type { Insertable, Updateable } from "kysely";

export async function findImagesByIds(db: Db, ids: number[]): Promise<Map<number, Image>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("media").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toImage(r)]));
}

/**
 * The ids, among `mediaIds`, of images whose alt text is empty (or only spaces): the article
 * workflow refuses to publish until each has one (WCAG 2.2, 1.1.1 Non-text Content).
 */
export async function mediaMissingAlt(db: Db, mediaIds: number[]): Promise<number[]> {
  const ids = [...new Set(mediaIds)].filter((id) => Number.isSafeInteger(id));
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("media")
    .select("id")
    .where("id", "in", ids)
    .where(sql<string>`trim(alt)`, "=", "")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** A library row with the uploader's name. */
export type MediaLibraryEntry = MediaLibraryRow & { uploader_name: string | null };

function entryQuery(db: Db) {
  return db
    .selectFrom("media as m")
    .leftJoin("users as u", "u.id", "m.uploaded_by")
    .selectAll("m")
    .select("u.name as uploader_name");
}

export async function findMediaEntry(db: Db, id: number): Promise<MediaLibraryEntry | undefined> {
  return entryQuery(db).where("m.id", "=", id).executeTakeFirst();
}

/** The earliest upload of exactly these bytes, if any. */
export async function findMediaBySha256(db: Db, sha256: string): Promise<MediaLibraryEntry | undefined> {
  if (!sha256) return undefined;
  return entryQuery(db).where("m.sha256", "=", sha256).orderBy("m.id").limit(1).executeTakeFirst();
}

export async function insertMedia(db: Db, values: Insertable<MediaTable>): Promise<number> {
  const row = await db.insertInto("media").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates a row; when `cropVersion` is given, only if the crops are still that version (another
 * editor moving the focal point at the same time makes this one a conflict). True when updated.
 */
export async function updateMedia(
  db: Db,
  id: number,
  set: Updateable<MediaTable>,
  cropVersion?: number,
): Promise<boolean> {
  let query = db.updateTable("media").set(set).where("id", "=", id);
  if (cropVersion !== undefined) query = query.where("crop_version", "=", cropVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface MediaFilter {
  /** Words that must all appear in the alt text, caption, credit or file name. */
  words: string[];
  mime?: string;
  /** created_at ≥ from, created_at < until (ISO strings). */
  from?: string;
  until?: string;
  /** Continue after this (created_at, id). */
  after?: { createdAt: string; id: number };
  limit: number;
}

/** Newest first; `next` is where the following page starts, or null on the last page. */
export async function listMediaEntries(
  db: Db,
  filter: MediaFilter,
): Promise<{ rows: MediaLibraryEntry[]; next: { createdAt: string; id: number } | null }> {
  // What is in the trash is listed under Trash, not in the library.
  let query = entryQuery(db).where("m.trashed_at", "is", null);
  for (const word of filter.words) {
    const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`m.search_text like ${pattern} escape '\\'`);
  }
  if (filter.mime) query = query.where("m.mime", "=", filter.mime);
  if (filter.from) query = query.where("m.created_at", ">=", filter.from);
  if (filter.until) query = query.where("m.created_at", "<", filter.until);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("m.created_at", "<", after.createdAt),
        eb.and([eb("m.created_at", "=", after.createdAt), eb("m.id", "<", after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > filter.limit && last ? { createdAt: last.created_at, id: last.id } : null };
}

/** The text the library searches: lower-cased, one line. */
export function searchTextOf(fields: { alt: string; caption: string; credit: string; filename: string }): string {
  return [fields.alt, fields.caption, fields.credit, fields.filename]
    .join(" ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
