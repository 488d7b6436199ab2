import type { Db } from "../database.js";
import { articlePath } from "../articles/article.js";

export interface NewRedirect {
  path: string;
  articleId?: number;
  target?: string;
}

/** Where an old address goes now: a published article's current address, or a fixed one. */
export async function findRedirectTarget(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("redirects")
    .leftJoin("articles", "articles.id", "redirects.article_id")
    .leftJoin("sections", "sections.id", "articles.section_id")
    .select(["redirects.target", "articles.slug", "articles.status", "sections.slug as section"])
    .where("redirects.path", "=", key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.target) return row.target;
  // A draft, an unpublished or trashed story is not revealed by its old address.
  return row.slug && row.section && row.status === "published" ? articlePath(row.section, row.slug) : undefined;
}

/** Adds old addresses; one already there keeps its first target (an import run again changes nothing). */
export async function addRedirects(db: Db, source: string, redirects: NewRedirect[], now: Date): Promise<number> {
  const unique = new Map(redirects.map((r) => [r.path, r]));
  let added = 0;
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += 300) {
    const part = all.slice(i, i + 300);
    const result = await db
      .insertInto("redirects")
      .values(
        part.map((r) => ({
          path: r.path,
          article_id: r.articleId ?? null,
          target: r.target ?? null,
          source,
          created_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column("path").doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function listRedirects(
  db: Db,
): Promise<{ path: string; articleId: number | null; target: string | null; source: string }[]> {
  const rows = await db.selectFrom("redirects").selectAll().orderBy("path").execute();
  return rows.map((r) => ({ path: r.path, articleId: r.article_id, target: r.target, source: r.source }));
}
