import type { ArticleRow } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import type { NewsroomUser } from "../../platform/admin/session.js";
import { type Action, allows } from "../../platform/admin/permissions.js";

// Who may edit or publish one article: any article by role, or their own (created by them, or
// with a profile of theirs among its authors).

/** True when the user created the article or is one of its authors (a profile linked to them). */
export async function ownsArticle(db: Db, user: NewsroomUser, row: Pick<ArticleRow, "id" | "created_by">) {
  if (row.created_by === user.id) return true;
  const linked = await db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .select("au.id")
    .where("aa.article_id", "=", row.id)
    .where("au.user_id", "=", user.id)
    .executeTakeFirst();
  return linked !== undefined;
}

/** True when the user's role allows `kind` on any article, or on their own and this is theirs. */
export async function mayAccessArticle(
  db: Db,
  user: NewsroomUser,
  row: Pick<ArticleRow, "id" | "created_by">,
  kind: "edit" | "publish",
): Promise<boolean> {
  if (allows(user, `article.${kind}.any` as Action)) return true;
  return allows(user, `article.${kind}.own` as Action) && ownsArticle(db, user, row);
}

/** Checks `own`/`any` permission on one article: 403 when neither applies. */
export async function assertArticleAccess(
  db: Db,
  user: NewsroomUser,
  row: Pick<ArticleRow, "id" | "created_by">,
  kind: "edit" | "publish",
): Promise<void> {
  if (await mayAccessArticle(db, user, row, kind)) return;
  throw new AppError(
    "FORBIDDEN",
    kind === "edit"
      ? "You can edit only your own articles"
      : user.role === "contributor"
        ? "Contributors submit articles for review; an editor publishes them"
        : "You can publish only your own articles",
  );
}
