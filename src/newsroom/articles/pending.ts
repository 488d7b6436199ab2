import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { type Snapshot, changedFields, findArticleRow, findPending, snapshotOf } from "./article-draft.js";
import { applyFields, checkReferences, slugAvailable } from "./article-fields.js";

// The pending copy of a published article (docs/adr/019): saves of a published story land here and
// readers keep the live row until someone who may publish it puts the copy live, or discards it.

/**
 * Folds `fields` into the article's pending copy (started from the live text when there is none)
 * and returns the whole copy; a copy that comes back to the live text is dropped. `review` marks the copy as waiting for an editor; once set it stays
 * until the copy goes live or is discarded.
 */
export async function stagePending(
  trx: Db,
  row: ArticleRow,
  fields: Partial<Snapshot>,
  who: { userId: number; review: boolean },
  now: Date,
): Promise<Snapshot> {
  await checkReferences(trx, fields);
  if (fields.slug !== undefined && !(await slugAvailable(trx, fields.slug, row.id))) {
    throw new AppError("CONFLICT", `The slug "${fields.slug}" is taken: choose another`, {
      details: [{ path: "slug", message: "Taken" }],
    });
  }
  const existing = await findPending(trx, row.id);
  const live = await snapshotOf(trx, row);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const snapshot: Snapshot = { ...(existing?.snapshot ?? live), ...defined };
  // Edits typed and then undone leave nothing to update: no pending copy, nothing to review.
  if (changedFields(live, snapshot).length === 0) {
    await dropPending(trx, row.id);
    return snapshot;
  }
  const review = who.review || existing?.review === true ? 1 : 0;
  const values = { snapshot: JSON.stringify(snapshot), review, updated_at: now.toISOString(), updated_by: who.userId };
  if (existing) {
    await trx.updateTable("article_pending").set(values).where("article_id", "=", row.id).execute();
  } else {
    await trx
      .insertInto("article_pending")
      .values({ article_id: row.id, created_at: now.toISOString(), ...values })
      .execute();
  }
  return snapshot;
}

/**
 * Writes the pending copy into the article row (inside the caller's transaction) and drops it.
 * Returns the row as it now stands; the caller moves the version and says why.
 */
export async function applyPending(trx: Db, row: ArticleRow, now: Date): Promise<ArticleRow> {
  const pending = await findPending(trx, row.id);
  if (!pending) return row;
  await applyFields(trx, row, pending.snapshot, now);
  await dropPending(trx, row.id);
  return findArticleRow(trx, row.id);
}

export async function dropPending(trx: Db, articleId: number): Promise<boolean> {
  const result = await trx.deleteFrom("article_pending").where("article_id", "=", articleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
