import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { recordAudit } from "../audit.js";
import type { NewsroomUser } from "../auth/session.js";

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
