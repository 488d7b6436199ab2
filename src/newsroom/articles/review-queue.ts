import { writtenBy } from "../../articles/article.queries.js";
import type { Db } from "../../database.js";
import type { NewsroomUser } from "../../platform/admin/session.js";
import { allows } from "../../platform/admin/permissions.js";

/**
 * The review queue: articles waiting for an editor, oldest first — submitted drafts, and published
 * stories whose pending edits came from someone who may not publish them.
 */
export async function reviewQueue(db: Db, filter: { sectionId?: number; authorId?: number }) {
  let q = db
    .selectFrom("articles as a")
    .leftJoin("article_pending as p", "p.article_id", "a.id")
    .select(["a.id"])
    .where((eb) => eb.or([eb("a.status", "=", "in_review"), eb("p.review", "=", 1)]))
    .orderBy((eb) => eb.fn.coalesce("p.updated_at", "a.updated_at"))
    .limit(200);
  if (filter.sectionId) q = q.where("a.section_id", "=", filter.sectionId);
  if (filter.authorId) q = q.where(writtenBy(filter.authorId));
  return (await q.execute()).map((r) => r.id);
}

export const canReview = (user: NewsroomUser) => allows(user, "article.review");
