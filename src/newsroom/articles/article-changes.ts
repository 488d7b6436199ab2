import { articleChangeTags, loadArticleFootprint } from "../../articles/article.footprint.js";
import type { Db } from "../../database.js";
import type { PageInvalidator } from "../../pages/page-layer.js";

/**
 * Runs a write to one article, then drops every page it touched before the write answers: the
 * article's footprint (published? which lists?) is read before and after, and the difference,
 * with the related lists the write rewrote, names the tags (articles/article.footprint.ts).
 */
export async function changeArticle<T>(
  deps: { db: Db; pages: PageInvalidator },
  articleId: number,
  write: (relatedChanged: number[]) => Promise<T>,
): Promise<T> {
  const before = await loadArticleFootprint(deps.db, articleId);
  const relatedChanged: number[] = [];
  const result = await write(relatedChanged);
  const after = await loadArticleFootprint(deps.db, articleId);
  await deps.pages.invalidate(articleChangeTags(before, after, relatedChanged));
  return result;
}
