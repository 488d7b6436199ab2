import type { ArticleStatus } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { enqueueReindex } from "../../discovery/reindex-job.js";
import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { recordArticleEvent } from "../articles/article-events.js";
import { findArticleRow, loadDraft } from "../articles/article-draft.js";
import { type Actor } from "../articles/article-editing.js";
import { assertArticleAccess } from "../articles/article-access.js";
import { assertBylineAllowed } from "../articles/bylines.js";
import type { WorkflowContext } from "../articles/workflow.js";

// Articles in the trash (docs/adr/025). Deleting moves an article to status "trashed", which every
// reader query leaves out, so its page answers at once (410 when it had been published, 404 when
// not) and its pending copy, schedule and place on the front page go with it. Restoring within 30
// days puts it back as it was; a scheduled one comes back as a draft (its time may have passed).
// The `trash.purge` job removes it for good after that.

export const TRASH_DAYS = 30;

/** The status a restored article returns to. */
const restoredStatus = (from: ArticleStatus | null): ArticleStatus =>
  from === "scheduled" || from === null || from === "trashed" ? "draft" : from;

/** Who may delete (and restore) an article: whoever may edit it; a live one, whoever may publish it. */
async function assertMayTrash(
  trx: Db,
  actor: Actor,
  row: Awaited<ReturnType<typeof findArticleRow>>,
  status: ArticleStatus,
) {
  await assertArticleAccess(trx, actor.user, row, "edit");
  if (status === "published" || status === "scheduled" || status === "unpublished")
    await assertArticleAccess(trx, actor.user, row, "publish");
}

export async function trashArticle(ctx: WorkflowContext, actor: Actor, articleId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    if (row.status === "trashed") throw new AppError("CONFLICT", "This article is in the trash already");
    await assertMayTrash(trx, actor, row, row.status);
    await trx
      .updateTable("articles")
      .set((eb) => ({
        status: "trashed",
        trashed_from: row.status,
        trashed_at: ctx.now.toISOString(),
        trashed_by: actor.user.id,
        scheduled_at: null,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", articleId)
      .execute();
    await trx.deleteFrom("front_page").where("article_id", "=", articleId).execute();
    await trx
      .insertInto("article_events")
      .values({
        article_id: articleId,
        from_status: row.status,
        to_status: "trashed",
        user_id: actor.user.id,
        note: "",
        at: ctx.now.toISOString(),
      })
      .execute();
    await recordAudit(trx, ctx.now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.trashed",
      subjectType: "article",
      subjectId: articleId,
      detail: { from: row.status, headline: row.headline },
    });
    await recordArticleEvent(trx, "article.deleted", articleId, ctx.now, { from: row.status });
    // Off the site: other stories' related lists stop offering it.
    if (row.status === "published") await enqueueReindex(trx, [articleId], ctx.now);
  });
  return loadDraft(ctx.db, articleId);
}

export async function restoreArticle(ctx: WorkflowContext, actor: Actor, articleId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    if (row.status !== "trashed") throw new AppError("CONFLICT", "This article is not in the trash");
    const to = restoredStatus(row.trashed_from);
    await assertMayTrash(trx, actor, row, row.trashed_from ?? "draft");
    // Back on the site with the byline it had: the person restoring it must be allowed to give it.
    if (to === "published") await assertBylineAllowed(trx, actor.user, row);
    await trx
      .updateTable("articles")
      .set((eb) => ({
        status: to,
        trashed_from: null,
        trashed_at: null,
        trashed_by: null,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", articleId)
      .execute();
    await trx
      .insertInto("article_events")
      .values({
        article_id: articleId,
        from_status: "trashed",
        to_status: to,
        user_id: actor.user.id,
        note:
          row.trashed_from === "scheduled" ? "Restored from the trash; schedule it again" : "Restored from the trash",
        at: ctx.now.toISOString(),
      })
      .execute();
    await recordAudit(trx, ctx.now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "article.restored",
      subjectType: "article",
      subjectId: articleId,
      detail: { to },
    });
    if (to === "published") await enqueueReindex(trx, [articleId], ctx.now);
  });
  return loadDraft(ctx.db, articleId);
}

/**
 * "New article" on an untouched empty draft of the same person reuses it rather than leaving
 * another "Untitled" behind: no headline, no words, never saved since it was made (docs/adr/025).
 */
export async function untouchedDraftOf(db: Db, userId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom("articles")
    .select("id")
    .where("created_by", "=", userId)
    .where("status", "=", "draft")
    .where("version", "=", 1)
    .where("headline", "=", "")
    .where("standfirst", "=", "")
    .where("body", "=", JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] }))
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.id;
}
