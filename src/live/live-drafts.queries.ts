import type { Db } from "../database.js";
import { parseBody } from "./live.queries.js";

// The journalist's unposted entry: one per journalist per live blog, saved by the composer a second
// after typing stops (docs/adr/028).

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
