import type { ArticleRow } from "../../articles/article.table.js";
import { ensureAuthorProfile } from "../../authors/author-profile.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import type { NewsroomUser } from "../../platform/admin/session.js";
import { allows } from "../../platform/admin/permissions.js";
import { findPending } from "./article-draft.js";

// Who may put whom on a byline (docs/adr/025). Editors and admins byline anyone
// (`article.byline.any`). Contributors and writers byline themselves (their own author profile)
// and add as co-authors only the profiles editors opened to co-bylines (`authors.co_byline`, off by
// default). An author an editor put on a story's byline is granted on that story: its writer may
// keep it, remove it, put it back and publish it. Checked on every save, create, submit, schedule,
// publish and update; the newsroom only offers what the person may choose.

export interface BylineChoice {
  /** True for editors and admins: every profile. */
  any: boolean;
  /** The person's own profile and the profiles open to co-bylines. */
  allowed: Set<number>;
}

export async function bylineChoice(db: Db, user: NewsroomUser): Promise<BylineChoice> {
  const own = await ensureAuthorProfile(db, user);
  if (allows(user, "article.byline.any")) return { any: true, allowed: new Set() };
  const open = await db
    .selectFrom("authors")
    .select("id")
    .where((eb) => eb.or([eb("co_byline", "=", 1), eb("user_id", "=", user.id)]))
    .execute();
  return { any: false, allowed: new Set([own, ...open.map((r) => r.id)]) };
}

async function grantedOn(db: Db, articleId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom("article_byline_grants")
    .select("author_id")
    .where("article_id", "=", articleId)
    .execute();
  return new Set(rows.map((r) => r.author_id));
}

async function refuse(db: Db, ids: number[]): Promise<never> {
  const names = await db.selectFrom("authors").select(["id", "name"]).where("id", "in", ids).execute();
  const list = ids.map((i) => names.find((n) => n.id === i)?.name ?? `author ${i}`).join(", ");
  throw new AppError(
    "FORBIDDEN",
    `You can byline yourself and the co-authors editors allow; ask an editor to add ${list}`,
    { details: ids.map((i) => ({ path: "authorIds", message: `Author ${i} is not yours to add` })) },
  );
}

/**
 * Checks a new byline for an article (inside the save's transaction): 403 naming the authors the
 * person may not add. An editor's byline is recorded as granted on the article.
 */
export async function checkBylineChange(
  trx: Db,
  user: NewsroomUser,
  articleId: number,
  authorIds: number[],
  now: Date,
) {
  const choice = await bylineChoice(trx, user);
  if (choice.any) {
    const granted = await grantedOn(trx, articleId);
    const fresh = [...new Set(authorIds)].filter((a) => !granted.has(a));
    if (fresh.length) {
      await trx
        .insertInto("article_byline_grants")
        .values(
          fresh.map((author_id) => ({
            article_id: articleId,
            author_id,
            granted_by: user.id,
            granted_at: now.toISOString(),
          })),
        )
        .execute();
    }
    return;
  }
  // Only additions are checked here: a byline an editor left may be trimmed without their help.
  const current = new Set(await currentByline(trx, articleId));
  const granted = await grantedOn(trx, articleId);
  const refused = [...new Set(authorIds)].filter((a) => !current.has(a) && !choice.allowed.has(a) && !granted.has(a));
  if (refused.length) await refuse(trx, refused);
}

/** The byline as the newsroom edits it: the pending copy's when there is one. */
async function currentByline(trx: Db, articleId: number): Promise<number[]> {
  const pending = await findPending(trx, articleId);
  if (pending) return pending.snapshot.authorIds;
  const rows = await trx
    .selectFrom("article_authors")
    .select("author_id")
    .where("article_id", "=", articleId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.author_id);
}

/** Before a submit, schedule, publish or update: the byline the article carries is one the person may give it. */
export async function assertBylineAllowed(trx: Db, user: NewsroomUser, row: Pick<ArticleRow, "id">) {
  const choice = await bylineChoice(trx, user);
  if (choice.any) return;
  const authorIds = await currentByline(trx, row.id);
  const granted = await grantedOn(trx, row.id);
  const refused = authorIds.filter((a) => !choice.allowed.has(a) && !granted.has(a));
  if (refused.length) await refuse(trx, refused);
}
