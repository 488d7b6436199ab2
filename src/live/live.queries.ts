import { recordEvent } from "../platform/webhooks/webhook-events.js";
import type { Db } from "../database.js";
import type { LiveEntryStatus, LiveStatus } from "./live.table.js";

// Reads and writes of live blogs and their entries. Every write takes the live blog's next `rev`
// in its transaction (an UPDATE … RETURNING, which holds the live blog's row until commit), so revs
// commit in order on both engines and "every change after rev N" never skips one that commits late.

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

const ENTRY_COLUMNS = [
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

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { type: "doc", content: [] };
  }
}

function toEntry(row: EntryRow): LiveEntry {
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

/** Takes the live blog's next rev; holds its row until the transaction ends. */
async function nextRev(trx: Db, articleId: number): Promise<number> {
  const row = await trx
    .updateTable("live_blogs")
    .set((eb) => ({ rev: eb("rev", "+", 1) }))
    .where("article_id", "=", articleId)
    .returning("rev")
    .executeTakeFirstOrThrow();
  return Number(row.rev);
}

/** Unpins every other entry of the live blog (one pinned at a time), stamping them with `rev`. */
async function unpinOthers(trx: Db, articleId: number, keep: number, rev: number, at: string) {
  await trx
    .updateTable("live_entries")
    .set({ pinned: 0, rev, updated_at: at })
    .where("article_id", "=", articleId)
    .where("pinned", "=", 1)
    .where("id", "!=", keep)
    .execute();
}

export interface NewEntry {
  articleId: number;
  title: string;
  body: unknown;
  status: LiveEntryStatus;
  pinned: boolean;
  keyEvent: boolean;
  authorId: number | null;
  authorName: string;
}

export async function insertEntry(db: Db, input: NewEntry, now: Date): Promise<LiveEntry> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rev = await nextRev(trx, input.articleId);
    const row = await trx
      .insertInto("live_entries")
      .values({
        article_id: input.articleId,
        title: input.title,
        body: JSON.stringify(input.body),
        status: input.status,
        pinned: input.pinned ? 1 : 0,
        key_event: input.keyEvent ? 1 : 0,
        author_id: input.authorId,
        author_name: input.authorName,
        rev,
        posted_at: at,
        updated_at: at,
      })
      .returning(ENTRY_COLUMNS)
      .executeTakeFirstOrThrow();
    if (input.pinned && input.status === "published") await unpinOthers(trx, input.articleId, row.id, rev, at);
    // Posted for readers: webhooks hear of it in the live article's lane (docs/adr/033).
    if (input.status === "published")
      await recordEvent(
        trx,
        {
          type: "live.entry_posted",
          lane: `article:${input.articleId}`,
          data: {
            articleId: input.articleId,
            entry: { id: row.id, title: input.title, keyEvent: input.keyEvent, postedAt: at },
          },
        },
        now,
      );
    return toEntry(row);
  });
}

export interface EntryPatch {
  title?: string;
  body?: unknown;
  pinned?: boolean;
  keyEvent?: boolean;
  status?: LiveEntryStatus;
}

/** Applies `patch`; a change of title or text marks the entry edited ("Updated HH:MM"). */
export async function updateEntry(db: Db, entry: LiveEntry, patch: EntryPatch, now: Date): Promise<LiveEntry> {
  const at = now.toISOString();
  const textChanged =
    (patch.title !== undefined && patch.title !== entry.title) ||
    (patch.body !== undefined && JSON.stringify(patch.body) !== JSON.stringify(entry.body));
  return db.transaction().execute(async (trx) => {
    const rev = await nextRev(trx, entry.articleId);
    const becomesPublic = (patch.status ?? entry.status) === "published";
    const row = await trx
      .updateTable("live_entries")
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: JSON.stringify(patch.body) } : {}),
        ...(patch.pinned !== undefined ? { pinned: patch.pinned ? 1 : 0 } : {}),
        ...(patch.keyEvent !== undefined ? { key_event: patch.keyEvent ? 1 : 0 } : {}),
        // An entry approved from review is posted when readers first see it.
        ...(patch.status === "published" && entry.status !== "published" ? { status: "published", posted_at: at } : {}),
        // Only text readers saw before counts as an edit.
        ...(textChanged && entry.status === "published" ? { edited_at: at } : {}),
        rev,
        updated_at: at,
      })
      .where("id", "=", entry.id)
      .returning(ENTRY_COLUMNS)
      .executeTakeFirstOrThrow();
    if (row.pinned && becomesPublic) await unpinOthers(trx, entry.articleId, entry.id, rev, at);
    return toEntry(row);
  });
}

export async function deleteEntry(db: Db, entry: LiveEntry, now: Date): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rev = await nextRev(trx, entry.articleId);
    await trx
      .updateTable("live_entries")
      .set({ deleted_at: at, pinned: 0, rev, updated_at: at })
      .where("id", "=", entry.id)
      .execute();
    return rev;
  });
}

/** Makes the article a live blog (open), reopens a closed one, or closes it. */
export async function setLiveStatus(db: Db, articleId: number, status: LiveStatus | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("live_blogs")
      .select("status")
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    if (status === null) {
      await trx.deleteFrom("live_drafts").where("article_id", "=", articleId).execute();
      await trx.deleteFrom("live_entries").where("article_id", "=", articleId).execute();
      await trx.deleteFrom("live_blogs").where("article_id", "=", articleId).execute();
      return;
    }
    if (!existing) {
      await trx
        .insertInto("live_blogs")
        .values({ article_id: articleId, status, started_at: at, ended_at: status === "closed" ? at : null })
        .execute();
      return;
    }
    if (existing.status === status) return;
    await trx
      .updateTable("live_blogs")
      .set({ status, ended_at: status === "closed" ? at : null })
      .where("article_id", "=", articleId)
      .execute();
  });
}

export async function saveLiveDraft(db: Db, articleId: number, userId: number, draft: unknown, now: Date) {
  const values = {
    article_id: articleId,
    user_id: userId,
    draft: JSON.stringify(draft),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto("live_drafts")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["article_id", "user_id"]).doUpdateSet({ draft: values.draft, updated_at: values.updated_at }),
    )
    .execute();
}

export async function findLiveDraft(db: Db, articleId: number, userId: number): Promise<unknown> {
  const row = await db
    .selectFrom("live_drafts")
    .select("draft")
    .where("article_id", "=", articleId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? parseBody(row.draft) : null;
}

export async function clearLiveDraft(db: Db, articleId: number, userId: number) {
  await db.deleteFrom("live_drafts").where("article_id", "=", articleId).where("user_id", "=", userId).execute();
}
