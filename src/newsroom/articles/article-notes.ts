import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { recordArticleEvent } from "./article-events.js";
import { findArticleRow, loadDraft } from "./article-draft.js";
import type { Actor } from "./article-editing.js";
import type { WorkflowContext } from "./workflow.js";

/** A correction or an update on a published article: dateModified moves, publication stays. */
export async function addNote(
  ctx: WorkflowContext,
  actor: Actor,
  articleId: number,
  kind: "correction" | "update",
  text: string,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    if (row.status !== "published") throw new AppError("CONFLICT", "Corrections and updates go on published articles");
    await trx
      .insertInto("article_notes")
      .values({ article_id: articleId, kind, text, created_at: ctx.now.toISOString() })
      .execute();
    // dateModified moves; the original publication time stays.
    await trx
      .updateTable("articles")
      .set((eb) => ({ updated_at: ctx.now.toISOString(), version: eb("version", "+", 1) }))
      .where("id", "=", articleId)
      .execute();
    await recordAudit(trx, ctx.now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: `article.${kind}_added`,
      subjectType: "article",
      subjectId: articleId,
      detail: { text },
    });
    await recordArticleEvent(
      trx,
      kind === "correction" ? "article.correction_added" : "article.updated",
      articleId,
      ctx.now,
      { note: { kind, text } },
    );
  });
  return loadDraft(ctx.db, articleId);
}
