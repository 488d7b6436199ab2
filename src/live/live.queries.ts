import type { Db } from "../database.js";
import type { LiveEntryStatus, LiveStatus } from "./live.table.js";

// Reads of live blogs and their entries, and the entry as the rest of the code sees it. The writes
// are in live.writes.ts, the journalists' unposted drafts in live-drafts.queries.ts.

export interface LiveBlog {
  articleId: number;
  status: LiveStatus;
  startedAt: Date;
  endedAt: Date | null;
  rev: number;
}

export interface LiveEntry {
  id: number;
  articleId: number;
  title: string;
  body: unknown;
  status: LiveEntryStatus;
  pinned: boolean;
  keyEvent: boolean;
  authorId: number | null;
  authorName: string;
  rev: number;
  postedAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export const ENTRY_COLUMNS = [
  "id",
  "article_id",
  "title",
  "body",
  "status",
  "pinned",
  "key_event",
  "author_id",
  "author_name",
  "rev",
  "posted_at",
  "updated_at",
  "edited_at",
  "deleted_at",
] as const;

type EntryRow = {
  id: number;
  article_id: number;
  title: string;
  body: string;
  status: LiveEntryStatus;
  pinned: number | boolean;
  key_event: number | boolean;
  author_id: number | null;
  author_name: string;
  rev: number;
  posted_at: string;
  updated_at: string;
  edited_at: string | null;
  deleted_at: string | null;
};

/** A stored document; one that does not parse is an empty one. */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { type: "doc", content: [] };
  }
}

export function toEntry(row: EntryRow): LiveEntry {
  return {
    id: Number(row.id),
    articleId: Number(row.article_id),
    title: row.title,
    body: parseBody(row.body),
    status: row.status,
    pinned: Boolean(row.pinned),
    keyEvent: Boolean(row.key_event),
    authorId: row.author_id,
    authorName: row.author_name,
    rev: Number(row.rev),
    postedAt: new Date(row.posted_at),
    updatedAt: new Date(row.updated_at),
    editedAt: row.edited_at ? new Date(row.edited_at) : null,
    deletedAt: row.deleted_at ? new Date(row.deleted_at) : null,
  };
}

/** True when readers see the entry. */
export const isPublic = (e: Pick<LiveEntry, "status" | "deletedAt">) => e.status === "published" && !e.deletedAt;

export async function findLiveBlog(db: Db, articleId: number): Promise<LiveBlog | undefined> {
  const row = await db.selectFrom("live_blogs").selectAll().where("article_id", "=", articleId).executeTakeFirst();
  return (
    row && {
      articleId: row.article_id,
      status: row.status,
      startedAt: new Date(row.started_at),
      endedAt: row.ended_at ? new Date(row.ended_at) : null,
      rev: Number(row.rev),
    }
  );
}

/** The live blog of a published article: what readers may stream. */
export async function findPublicLiveBlog(db: Db, articleId: number): Promise<LiveBlog | undefined> {
  const row = await db
    .selectFrom("live_blogs as l")
    .innerJoin("articles as a", "a.id", "l.article_id")
    .select(["l.article_id", "l.status", "l.started_at", "l.ended_at", "l.rev"])
    .where("l.article_id", "=", articleId)
    .where("a.status", "=", "published")
    .executeTakeFirst();
  return (
    row && {
      articleId: row.article_id,
      status: row.status,
      startedAt: new Date(row.started_at),
      endedAt: row.ended_at ? new Date(row.ended_at) : null,
      rev: Number(row.rev),
    }
  );
}

export async function findEntry(db: Db, articleId: number, entryId: number): Promise<LiveEntry | undefined> {
  const row = await db
    .selectFrom("live_entries")
    .select(ENTRY_COLUMNS)
    .where("article_id", "=", articleId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  return row && toEntry(row);
}

/** How many entries readers see. */
export async function countPublicEntries(db: Db, articleId: number): Promise<number> {
  const row = await db
    .selectFrom("live_entries")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("article_id", "=", articleId)
    .where("status", "=", "published")
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Public entries by position, oldest first (position 0 is the first posted), newest first out. */
export async function listPublicEntries(
  db: Db,
  articleId: number,
  range: { offset: number; limit: number },
): Promise<LiveEntry[]> {
  const rows = await db
    .selectFrom("live_entries")
    .select(ENTRY_COLUMNS)
    .where("article_id", "=", articleId)
    .where("status", "=", "published")
    .where("deleted_at", "is", null)
    .orderBy("posted_at", "asc")
    .orderBy("id", "asc")
    .offset(range.offset)
    .limit(range.limit)
    .execute();
  return rows.map(toEntry).reverse();
}

/**
 * The pinned entry and the key events (newest first), each with its position among the public
 * entries so a link can name the page it is on: one query.
 */
export async function listHighlights(
  db: Db,
  articleId: number,
  limit = 100,
): Promise<{ entry: LiveEntry; position: number }[]> {
  const rows = await db
    .selectFrom("live_entries as e")
    .select(ENTRY_COLUMNS.map((c) => `e.${c}` as const))
    .select((eb) =>
      eb
        .selectFrom("live_entries as o")
        .select((o) => o.fn.countAll<number | string>().as("n"))
        .whereRef("o.article_id", "=", "e.article_id")
        .where("o.status", "=", "published")
        .where("o.deleted_at", "is", null)
        .where((o) =>
          o.or([
            o("o.posted_at", "<", o.ref("e.posted_at")),
            o.and([o("o.posted_at", "=", o.ref("e.posted_at")), o("o.id", "<", o.ref("e.id"))]),
          ]),
        )
        .as("position"),
    )
    .where("e.article_id", "=", articleId)
    .where("e.status", "=", "published")
    .where("e.deleted_at", "is", null)
    .where((eb) => eb.or([eb("e.pinned", "=", 1), eb("e.key_event", "=", 1)]))
    .orderBy("e.posted_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entry: toEntry(r), position: Number(r.position) }));
}

/** Every entry changed after `rev` (posted, edited, pinned, deleted), in the order of the changes. */
export async function listChangesSince(db: Db, articleId: number, rev: number, limit = 500): Promise<LiveEntry[]> {
  const rows = await db
    .selectFrom("live_entries")
    .select(ENTRY_COLUMNS)
    .where("article_id", "=", articleId)
    .where("rev", ">", rev)
    .orderBy("rev", "asc")
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** The last `limit` changes, oldest first: the polling JSON. */
export async function listLatestChanges(db: Db, articleId: number, limit: number): Promise<LiveEntry[]> {
  const rows = await db
    .selectFrom("live_entries")
    .select(ENTRY_COLUMNS)
    .where("article_id", "=", articleId)
    .orderBy("rev", "desc")
    .limit(limit)
    .execute();
  return rows.map(toEntry).reverse();
}

/** Every entry not deleted, those in review included: the newsroom's view of the live blog. */
export async function listNewsroomEntries(db: Db, articleId: number, limit = 500): Promise<LiveEntry[]> {
  const rows = await db
    .selectFrom("live_entries")
    .select(ENTRY_COLUMNS)
    .where("article_id", "=", articleId)
    .where("deleted_at", "is", null)
    .orderBy("posted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}
