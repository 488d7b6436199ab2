import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import type { NewsroomUser } from "../../platform/admin/session.js";
import { loadDraft } from "./article-draft.js";

// Approval is of the text approved: publishing and scheduling name the version the publisher saw,
// every status move is conditional on the version it read, and an edit after a schedule by someone
// who may not publish takes the approval back.

/** 409 with the article as it now is, to read before approving it. */
export async function refuseStale(trx: Db, articleId: number): Promise<never> {
  throw new AppError(
    "CONFLICT",
    "The article has changed since you opened it: reload it and read the newer version first",
    {
      details: { current: await loadDraft(trx, articleId) },
    },
  );
}

/** Publishing and scheduling approve the version the publisher saw, and no other. */
export async function assertSeen(trx: Db, row: Pick<ArticleRow, "id" | "version">, baseVersion: number) {
  if (row.version !== baseVersion) await refuseStale(trx, row.id);
}

/**
 * A scheduled article was approved as it stood. An edit by someone who may not publish it takes
 * the approval back: the article returns to the review queue and its publication job, finding it
 * no longer scheduled for that time, does nothing. Runs inside the save's transaction.
 */
export async function withdrawApproval(
  trx: Db,
  row: Pick<ArticleRow, "id" | "status">,
  actor: { user: NewsroomUser; ip: string },
  now: Date,
): Promise<void> {
  const note = "Edited after approval: back to review";
  await trx.updateTable("articles").set({ status: "in_review", scheduled_at: null }).where("id", "=", row.id).execute();
  await trx
    .insertInto("article_events")
    .values({
      article_id: row.id,
      from_status: row.status,
      to_status: "in_review",
      user_id: actor.user.id,
      note,
      at: now.toISOString(),
    })
    .execute();
  await recordAudit(trx, now, {
    userId: actor.user.id,
    ip: actor.ip,
    action: "article.in_review",
    subjectType: "article",
    subjectId: row.id,
    detail: { from: row.status, note },
  });
}
