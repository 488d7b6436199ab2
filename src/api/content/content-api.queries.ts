import type { ArticleSummary } from "../../articles/article.js";
import { listAuthorsForArticles, listTagsForArticles } from "../../articles/article.queries.js";
import type { AuthorRef } from "../../authors/author.js";
import type { Db } from "../../database.js";
import { searchArticles } from "../../discovery/search.queries.js";
import type { TagRef } from "../../tags/tag.js";

export interface FilterSlugs {
  section?: string | undefined;
  tag?: string | undefined;
  author?: string | undefined;
}

/** The ids of the filters' slugs in one query; null for a slug that names nothing. */
export async function resolveFilterSlugs(
  db: Db,
  slugs: FilterSlugs,
): Promise<{ sectionId?: number | null; tagId?: number | null; authorId?: number | null }> {
  const { section, tag, author } = slugs;
  if (section === undefined && tag === undefined && author === undefined) return {};
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("sections")
        .select("id")
        .where("slug", "=", section ?? "")
        .as("section_id"),
      eb
        .selectFrom("tags")
        .select("id")
        .where("slug", "=", tag ?? "")
        .as("tag_id"),
      eb
        .selectFrom("authors")
        .select("id")
        .where("slug", "=", author ?? "")
        .as("author_id"),
    ])
    .executeTakeFirstOrThrow();
  return {
    ...(section !== undefined ? { sectionId: row.section_id } : {}),
    ...(tag !== undefined ? { tagId: row.tag_id } : {}),
    ...(author !== undefined ? { authorId: row.author_id } : {}),
  };
}

/** Bylines and topics of many articles: two queries whatever the number of articles. */
export async function loadCredits(
  db: Db,
  articleIds: number[],
): Promise<{ authors: Map<number, AuthorRef[]>; tags: Map<number, TagRef[]> }> {
  const [authors, tags] = await Promise.all([
    listAuthorsForArticles(db, articleIds),
    listTagsForArticles(db, articleIds),
  ]);
  return { authors, tags };
}

/** The API's one call into search: full-text, best match first (with the recency boost), published and not future-dated. */
export async function searchContent(
  db: Db,
  input: { q: string; page: number; perPage: number; now: Date },
): Promise<{ results: ArticleSummary[]; hasMore: boolean }> {
  const { q, page, perPage, now } = input;
  const found = await searchArticles(db, { q, sort: "relevance", page, perPage, now });
  return { results: found.results.map((r) => r.article), hasMore: page * perPage < found.total };
}
