import { recordAudit } from "../../platform/admin/audit.js";
import type { StoryBanner } from "../../banner/story-banner.js";
import { recordArticleEvent } from "./article-events.js";
import { AppError } from "../../platform/errors.js";
import { enqueueReindex } from "../../discovery/reindex-job.js";
import { allows } from "../../platform/admin/permissions.js";
import { findArticleRow, findPending, loadDraft } from "./article-draft.js";
import { type Actor } from "./article-editing.js";
import { assertArticleAccess } from "./article-access.js";
import { assertSeen, refuseStale } from "./approval.js";
import { applyPending, dropPending } from "./pending.js";
import { assertBylineAllowed } from "./bylines.js";
import { assertEmbargo, assertReady } from "./readiness.js";
import { type WorkflowContext, publishNow } from "./workflow.js";

// Update and Discard for a published article's pending copy (docs/adr/019). Both approve or drop
// the text the person saw: they name `baseVersion`, the article's one version counter, which every
// save of the pending copy moves.

export interface PublishOptions {
  baseVersion: number;
  alert?: boolean;
  /** Raise the breaking-news banner for the story in the same transaction (docs/adr/035). */
  banner?: StoryBanner | undefined;
  /** A correction or update note published together with the new text. */
  note?: { kind: "correction" | "update"; text: string };
}

/** POST …/publish: a published article's pending copy goes live; any other article is published. */
export async function publishOrUpdate(ctx: WorkflowContext, actor: Actor, articleId: number, options: PublishOptions) {
  const row = await findArticleRow(ctx.db, articleId);
  if (row.status === "published") {
    if (options.banner) {
      throw new AppError(
        "VALIDATION_FAILED",
        "The story is already published: raise the banner from the banner screen",
        {
          details: [{ path: "banner", message: "Already published" }],
        },
      );
    }
    return publishUpdate(ctx, actor, articleId, options);
  }
  if (options.note) {
    throw new AppError("VALIDATION_FAILED", "Corrections and updates go on published articles", {
      details: [{ path: "note", message: "Not published yet" }],
    });
  }
  return publishNow(ctx, actor, articleId, options);
}

async function publishUpdate(ctx: WorkflowContext, actor: Actor, articleId: number, options: PublishOptions) {
  const { note } = options;
  if (!allows(actor.user, "article.update")) {
    throw new AppError("FORBIDDEN", "Contributors' edits to a published story wait for an editor");
  }
  if (note && !allows(actor.user, "article.correct")) {
    throw new AppError("FORBIDDEN", "Only editors add corrections and updates");
  }
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, found, "publish");
    if (found.status !== "published") await refuseStale(trx, articleId);
    await assertSeen(trx, found, options.baseVersion);
    await assertBylineAllowed(trx, actor.user, found);
    if (!(await findPending(trx, articleId)) && !note) {
      throw new AppError("CONFLICT", "There are no unpublished changes: readers already see this version");
    }
    const row = await applyPending(trx, found, ctx.now);
    assertEmbargo(row, ctx.now, ctx.timeZone);
    await assertReady(trx, row);
    const moved = await trx
      .updateTable("articles")
      .set((eb) => ({ version: eb("version", "+", 1), updated_at: ctx.now.toISOString() }))
      .where("id", "=", articleId)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) await refuseStale(trx, articleId);
    if (note) {
      await trx
        .insertInto("article_notes")
        .values({ article_id: articleId, kind: note.kind, text: note.text, created_at: ctx.now.toISOString() })
        .execute();
    }
    const eventNote = note ? `Update published with a ${note.kind}` : "Update published";
    await trx
      .insertInto("article_events")
      .values({
        article_id: articleId,
        from_status: "published",
        to_status: "published",
        user_id: actor.user.id,
        note: eventNote,
        at: ctx.now.toISOString(),
      })
      .execute();
    await recordAudit(trx, ctx.now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.updated",
      subjectType: "article",
      subjectId: articleId,
      detail: { version: row.version + 1, ...(note ? { note } : {}) },
    });
    await recordArticleEvent(trx, "article.updated", articleId, ctx.now, note ? { note } : {});
    if (note?.kind === "correction")
      await recordArticleEvent(trx, "article.correction_added", articleId, ctx.now, { note });
    // The search entry and the related lists follow the new text, after commit (discovery/reindex-job.ts).
    await enqueueReindex(trx, [articleId], ctx.now);
  });
  return loadDraft(ctx.db, articleId);
}

/** POST …/discard: drops the pending copy; readers never saw it, and its revisions keep it. */
export async function discardPending(ctx: WorkflowContext, actor: Actor, articleId: number, baseVersion: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "publish");
    await assertSeen(trx, row, baseVersion);
    if (!(await dropPending(trx, articleId))) {
      throw new AppError("CONFLICT", "There are no unpublished changes to discard");
    }
    // The version moves so that another window still editing the dropped copy gets a conflict
    // instead of starting a new pending copy from text the desk decided against.
    const moved = await trx
      .updateTable("articles")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("id", "=", articleId)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) await refuseStale(trx, articleId);
    await recordAudit(trx, ctx.now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.changes_discarded",
      subjectType: "article",
      subjectId: articleId,
      detail: { version: row.version + 1 },
    });
  });
  return loadDraft(ctx.db, articleId);
}
