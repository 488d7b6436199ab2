import { articlePath } from "../../articles/article.js";
import type { ArticleStatus } from "../../articles/article.table.js";
import type { Db } from "../../database.js";

// The newsroom's article lists (all articles, the review queue): one row per article, in the order
// of the ids given.

export interface ArticleListItem {
  id: number;
  headline: string;
  status: ArticleStatus;
  section: { id: number; name: string };
  authors: string[];
  breaking: boolean;
  version: number;
  updatedAt: string;
  scheduledAt: string | null;
  publishedAt: string | null;
  /** A published story with edits not yet live (docs/adr/019). */
  pendingChanges: boolean;
  url: string;
}

export async function listItems(db: Db, ids: number[]): Promise<ArticleListItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .leftJoin("article_pending as p", "p.article_id", "a.id")
    .select([
      "p.article_id as pending_id",
      "a.id",
      "a.headline",
      "a.status",
      "a.slug",
      "a.breaking",
      "a.version",
      "a.updated_at",
      "a.scheduled_at",
      "a.published_at",
      "s.id as section_id",
      "s.name as section_name",
      "s.slug as section_slug",
    ])
    .where("a.id", "in", ids)
    .execute();
  const authors = await db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .select(["aa.article_id", "au.name"])
    .where("aa.article_id", "in", ids)
    .orderBy("aa.position")
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((articleId) => {
    const r = byId.get(articleId);
    if (!r) return [];
    return [
      {
        id: r.id,
        headline: r.headline,
        status: r.status,
        section: { id: r.section_id, name: r.section_name },
        authors: authors.filter((a) => a.article_id === r.id).map((a) => a.name),
        breaking: r.breaking === 1,
        version: r.version,
        updatedAt: r.updated_at,
        scheduledAt: r.scheduled_at,
        publishedAt: r.published_at,
        pendingChanges: r.pending_id !== null,
        url: articlePath(r.section_slug, r.slug),
      },
    ];
  });
}
