import { ensureAuthorProfile } from "../../authors/author-profile.js";
import type { Db } from "../../database.js";
import { inTransaction } from "../../platform/db/transaction.js";
import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import type { NewsroomUser } from "../../platform/admin/session.js";
import {
  type DraftPatch,
  SNAPSHOT_FIELDS,
  type Snapshot,
  findArticleRow,
  findPending,
  loadDraft,
  snapshotOf,
} from "./article-draft.js";
import { withdrawApproval } from "./approval.js";
import { applyFields, slugAvailable, suggestSlug } from "./article-fields.js";
import { stagePending } from "./pending.js";
import { checkBylineChange } from "./bylines.js";
import { assertArticleAccess, mayAccessArticle } from "./article-access.js";

// Saving articles: every save names the version it was based on and is refused when the article
// has moved on (two editors never silently overwrite each other); every save keeps a revision,
// coalesced per author per minute; all of it in one transaction.

/** Saves by the same author within this time fold into one revision. */
export const REVISION_COALESCE_MS = 60_000;
export const EMPTY_DOC: Snapshot["body"] = { type: "doc", content: [{ type: "paragraph" }] };

export interface Actor {
  user: NewsroomUser;
  ip: string;
}

async function writeRevision(
  trx: Db,
  articleId: number,
  version: number,
  user: NewsroomUser,
  snapshot: Snapshot,
  now: Date,
  note = "",
  coalesce = true,
) {
  const latest = await trx
    .selectFrom("article_revisions")
    .select(["id", "user_id", "created_at", "note"])
    .where("article_id", "=", articleId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const json = JSON.stringify(snapshot);
  if (
    latest &&
    coalesce &&
    !note &&
    !latest.note &&
    latest.user_id === user.id &&
    now.getTime() - Date.parse(latest.created_at) < REVISION_COALESCE_MS
  ) {
    await trx
      .updateTable("article_revisions")
      .set({ snapshot: json, version, updated_at: now.toISOString() })
      .where("id", "=", latest.id)
      .execute();
    return;
  }
  await trx
    .insertInto("article_revisions")
    .values({
      article_id: articleId,
      version,
      user_id: user.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      snapshot: json,
      note,
    })
    .execute();
}

/** Moves the version on; throws CONFLICT (with the current draft) when `baseVersion` is stale. */
async function bumpVersion(trx: Db, articleId: number, baseVersion: number, now: Date | null): Promise<number> {
  // `now` null: a staged save moves the version but not `updated_at`, which readers see as the
  // article's modification time.
  const result = await trx
    .updateTable("articles")
    .set((eb) => ({ version: eb("version", "+", 1), ...(now ? { updated_at: now.toISOString() } : {}) }))
    .where("id", "=", articleId)
    .where("version", "=", baseVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("CONFLICT", "Someone saved a newer version of this article while you were editing", {
      details: { current: await loadDraft(trx, articleId) },
    });
  }
  return baseVersion + 1;
}

export async function createDraft(
  db: Db,
  actor: Actor,
  input: { headline?: string; sectionId?: number; authorIds?: number[] },
  now: Date,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const section =
      input.sectionId ??
      (await trx.selectFrom("sections").select("id").orderBy("position").orderBy("id").executeTakeFirst())?.id;
    if (section === undefined) throw new AppError("NOT_READY", "Create a section before writing an article");
    const headline = input.headline?.trim() ?? "";
    const slug = await suggestSlug(trx, headline || `untitled-${now.getTime().toString(36)}`);
    const row = await trx
      .insertInto("articles")
      .values({
        slug,
        headline,
        body: JSON.stringify(EMPTY_DOC),
        section_id: section,
        status: "draft",
        created_by: actor.user.id,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        hero_media_id: null,
        hero_caption: null,
        hero_credit: null,
        video_id: null,
        published_at: null,
        social_media_id: null,
        embargo_at: null,
        scheduled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The byline asked for, when allowed (bylines.ts), or the writer's own profile.
    const authorIds = input.authorIds ?? [await ensureAuthorProfile(trx, actor.user)];
    await checkBylineChange(trx, actor.user, row.id, authorIds, now);
    await applyFields(trx, row, { authorIds }, now);
    await writeRevision(trx, row.id, row.version, actor.user, await snapshotOf(trx, row), now, "Created");
    await trx
      .insertInto("article_events")
      .values({
        article_id: row.id,
        from_status: "",
        to_status: "draft",
        user_id: actor.user.id,
        note: "",
        at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.created",
      subjectType: "article",
      subjectId: row.id,
    });
    return row.id;
  });
}

/**
 * Saves changed fields against `baseVersion`. A published article's changes are staged in its
 * pending copy (pending.ts) and readers keep the live text until someone who may publish it presses
 * Update; edits by someone who may not publish it wait for an editor's review. A scheduled article
 * was approved as it stood: saved by someone who may not publish it, it goes back to review.
 */
export async function saveDraft(db: Db, actor: Actor, articleId: number, patch: DraftPatch, now: Date, note = "") {
  const { baseVersion, ...fields } = patch;
  await inTransaction(db, async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "edit");
    if (row.status === "trashed") throw new AppError("CONFLICT", "This article is in the trash: restore it to edit it");
    if (row.status === "unpublished" && actor.user.role === "contributor") {
      throw new AppError("FORBIDDEN", "This article has been taken down; ask an editor");
    }
    if (fields.authorIds) await checkBylineChange(trx, actor.user, articleId, fields.authorIds, now);
    const staged = row.status === "published";
    const mayPublish = await mayAccessArticle(trx, actor.user, row, "publish");
    const version = await bumpVersion(trx, articleId, baseVersion, staged ? null : now);
    let snapshot: Snapshot;
    // The first save after publication starts a revision of its own, so the live text keeps one.
    const firstStaged = staged && !(await findPending(trx, articleId));
    if (staged) {
      snapshot = await stagePending(trx, row, fields, { userId: actor.user.id, review: !mayPublish }, now);
    } else {
      if (row.status === "scheduled" && !mayPublish) await withdrawApproval(trx, row, actor, now);
      await applyFields(trx, row, fields, now);
      snapshot = await snapshotOf(trx, await findArticleRow(trx, articleId));
    }
    await writeRevision(trx, articleId, version, actor.user, snapshot, now, note, !firstStaged);
    const changed = SNAPSHOT_FIELDS.filter((f) => fields[f] !== undefined);
    await recordAudit(trx, now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: note ? "article.revision_restored" : "article.saved",
      subjectType: "article",
      subjectId: articleId,
      detail: {
        version,
        fields: changed,
        ...(staged ? { pending: true } : {}),
        ...(fields.slug && fields.slug !== row.slug ? { slug: { from: row.slug, to: fields.slug } } : {}),
      },
    });
  });
  return loadDraft(db, articleId);
}

export async function restoreRevision(
  db: Db,
  actor: Actor,
  articleId: number,
  revisionId: number,
  baseVersion: number,
  now: Date,
) {
  const revision = await db
    .selectFrom("article_revisions")
    .select(["snapshot", "version", "created_at"])
    .where("id", "=", revisionId)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (!revision) throw new AppError("NOT_FOUND", "No such revision of this article");
  const snapshot = await withoutDeletedReferences(db, JSON.parse(revision.snapshot) as Snapshot);
  const current = await findArticleRow(db, articleId);
  // The slug stays as it is when the old one now belongs to another article.
  const slug = (await slugAvailable(db, snapshot.slug, articleId)) ? snapshot.slug : current.slug;
  return saveDraft(
    db,
    actor,
    articleId,
    { ...snapshot, slug, baseVersion },
    now,
    `Restored revision of ${revision.created_at}`,
  );
}

/** A revision may name topics, authors, images or a video deleted since: restore without them. */
async function withoutDeletedReferences(db: Db, s: Snapshot): Promise<Snapshot> {
  const existing = async (table: "tags" | "authors" | "media" | "videos", ids: number[]) => {
    if (ids.length === 0) return new Set<number>();
    return new Set((await db.selectFrom(table).select("id").where("id", "in", ids).execute()).map((r) => r.id));
  };
  const media = await existing(
    "media",
    [s.heroMediaId, s.socialMediaId].filter((m): m is number => m !== null),
  );
  const tags = await existing("tags", s.tagIds);
  const authors = await existing("authors", s.authorIds);
  const video = await existing("videos", s.videoId ? [s.videoId] : []);
  return {
    ...s,
    tagIds: s.tagIds.filter((t) => tags.has(t)),
    authorIds: s.authorIds.filter((a) => authors.has(a)),
    heroMediaId: s.heroMediaId && media.has(s.heroMediaId) ? s.heroMediaId : null,
    socialMediaId: s.socialMediaId && media.has(s.socialMediaId) ? s.socialMediaId : null,
    videoId: s.videoId && video.has(s.videoId) ? s.videoId : null,
  };
}
