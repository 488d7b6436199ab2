import type { Db } from "../database.js";
import { recordEvent } from "../platform/webhooks/webhook-events.js";
import { ENTRY_COLUMNS, type LiveEntry, toEntry } from "./live.queries.js";
import type { LiveEntryStatus, LiveStatus } from "./live.table.js";

// Writes of live blogs and their entries. Every write takes the live blog's next `rev` in its
// transaction (an UPDATE … RETURNING, which holds the live blog's row until commit), so revs commit
// in order on both engines and "every change after rev N" never skips one that commits late.

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
    if (input.status === "published") await recordPosted(trx, toEntry(row), now);
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
    // Approved from review: readers see it from now, and so do webhooks.
    if (entry.status !== "published" && row.status === "published") await recordPosted(trx, toEntry(row), now);
    return toEntry(row);
  });
}

/** Posted for readers (straight away, or approved from review): webhooks hear of it in the article's lane (docs/adr/033). */
async function recordPosted(trx: Db, entry: LiveEntry, now: Date): Promise<void> {
  await recordEvent(
    trx,
    {
      type: "live.entry_posted",
      lane: `article:${entry.articleId}`,
      data: {
        articleId: entry.articleId,
        entry: { id: entry.id, title: entry.title, keyEvent: entry.keyEvent, postedAt: entry.postedAt.toISOString() },
      },
    },
    now,
  );
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
