import { articleChangeTags, loadArticleFootprint } from "../../articles/article.footprint.js";
import type { Db } from "../../database.js";
import type { PageInvalidator } from "../../platform/cache/page-invalidator.js";

/**
 * Runs a write to one article, then drops every page it touched before the write answers: the
 * article's footprint (published? which lists?) is read before and after, and the difference names
 * the tags (articles/article.footprint.ts). The related lists the write changes are rewritten after
 * commit by the re-index job, which drops the pages showing them (discovery/reindex-job.ts).
 */
export async function changeArticle<T>(
  deps: { db: Db; pages: PageInvalidator },
  articleId: number,
  write: () => Promise<T>,
): Promise<T> {
  const before = await loadArticleFootprint(deps.db, articleId);
  const result = await write();
  const after = await loadArticleFootprint(deps.db, articleId);
  await deps.pages.invalidate(articleChangeTags(before, after));
  return result;
}
