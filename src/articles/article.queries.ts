import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import { type AuthorRef, authorPath } from "../authors/author.js";
import type { Database, Db } from "../database.js";
import { precompiled, slot } from "../platform/db/precompiled.js";
import { startOfZonedDay } from "../platform/time.js";
import { toImage } from "../media/image.js";
import { type TagRef, tagPath } from "../tags/tag.js";
import { type Article, type ArticleNote, type ArticleSummary, articlePath } from "./article.js";

// Every list of articles is one query: the article row, its section and its hero image joined in.

function summaryQuery(db: Db) {
  return anyStatusQuery(db).where("a.status", "=", "published");
}

/** The same row whatever the article's state: for previews of unpublished articles. */
function anyStatusQuery(db: Db) {
  return db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .leftJoin("media as h", "h.id", "a.hero_media_id")
    .select([
      "a.id",
      "a.slug",
      "a.kicker",
      "a.headline",
      "a.standfirst",
      "a.published_at",
      "a.updated_at",
      "a.breaking",
      "a.section_id",
      "s.slug as section_slug",
      "s.name as section_name",
      "h.id as hero_id",
      "h.storage_key as hero_key",
      "h.mime as hero_mime",
      "h.width as hero_width",
      "h.height as hero_height",
      "h.variant_widths as hero_variants",
      "h.formats as hero_formats",
      "h.crop_version as hero_crop_version",
      "h.alt as hero_alt",
      "h.caption as hero_media_caption",
      "h.credit as hero_media_credit",
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof anyStatusQuery>["executeTakeFirstOrThrow"]>>;

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    url: articlePath(row.section_slug, row.slug),
    section: { slug: row.section_slug, name: row.section_name },
    kicker: row.kicker,
    headline: row.headline,
    standfirst: row.standfirst,
    publishedAt: new Date(row.published_at ?? row.updated_at),
    updatedAt: new Date(row.updated_at),
    breaking: Number(row.breaking) === 1,
    hero:
      row.hero_id === null
        ? null
        : toImage({
            id: row.hero_id,
            kind: "image",
            storage_key: row.hero_key ?? "",
            mime: row.hero_mime ?? "image/jpeg",
            width: row.hero_width ?? 0,
            height: row.hero_height ?? 0,
            variant_widths: row.hero_variants ?? "[]",
            ...(row.hero_formats !== null ? { formats: row.hero_formats } : {}),
            ...(row.hero_crop_version !== null ? { crop_version: row.hero_crop_version } : {}),
            alt: row.hero_alt ?? "",
            caption: row.hero_media_caption ?? "",
            credit: row.hero_media_credit ?? "",
            created_at: "",
          }),
  };
}

export interface ListFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Published at or after this instant. */
  since?: Date;
  /** Published before this instant. */
  until?: Date;
  excludeIds?: number[];
  /** Keyset pagination: only the articles that come after this one in the list's order. */
  after?: { publishedAt: Date; id: number };
  limit: number;
  offset?: number;
  /** Newest first (the default) or oldest first, as sitemaps want so their pages stay put. */
  order?: "newest" | "oldest";
}

/** A condition on `articles as a`: the author is among the article's bylines. */
export function writtenBy(authorId: number) {
  return (eb: ExpressionBuilder<Database & { a: Database["articles"] }, "a">) =>
    eb.exists(
      eb
        .selectFrom("article_authors as aa")
        .select("aa.article_id")
        .whereRef("aa.article_id", "=", "a.id")
        .where("aa.author_id", "=", authorId),
    );
}

type SummarySelect = SelectQueryBuilder<Database & { a: Database["articles"] }, "a", SummaryRow>;

function applyFilter<Q extends SummarySelect>(query: Q, f: Omit<ListFilter, "limit" | "offset">): Q {
  let q = query as SummarySelect;
  if (f.sectionId !== undefined) q = q.where("a.section_id", "=", f.sectionId);
  if (f.tagId !== undefined) {
    const tagId = f.tagId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("article_tags as t")
          .select("t.article_id")
          .whereRef("t.article_id", "=", "a.id")
          .where("t.tag_id", "=", tagId),
      ),
    );
  }
  if (f.authorId !== undefined) q = q.where(writtenBy(f.authorId));
  if (f.since) q = q.where("a.published_at", ">=", f.since.toISOString());
  if (f.until) q = q.where("a.published_at", "<", f.until.toISOString());
  if (f.excludeIds?.length) q = q.where("a.id", "not in", f.excludeIds);
  return q as Q;
}

export async function listPublishedArticles(db: Db, filter: ListFilter): Promise<ArticleSummary[]> {
  const direction = filter.order === "oldest" ? "asc" : "desc";
  let query = applyFilter(summaryQuery(db) as unknown as SummarySelect, filter);
  if (filter.after) {
    const op = direction === "desc" ? "<" : ">";
    const at = filter.after.publishedAt.toISOString();
    const id = filter.after.id;
    query = query.where((eb) =>
      eb.or([eb("a.published_at", op, at), eb.and([eb("a.published_at", "=", at), eb("a.id", op, id)])]),
    );
  }
  const rows = await query
    .orderBy("a.published_at", direction)
    .orderBy("a.id", direction)
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toSummary);
}

/** Published articles by id, in the order of the ids given (search results, ranked elsewhere). */
export async function listPublishedArticlesByIds(db: Db, ids: number[]): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summaryQuery(db).where("a.id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countPublishedArticles(db: Db, filter: Omit<ListFilter, "limit">): Promise<number> {
  const base = db.selectFrom("articles as a").where("a.status", "=", "published");
  const row = await applyFilter(base as unknown as SummarySelect, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number((row as { n?: unknown } | undefined)?.n ?? 0);
}

/**
 * The newest `perSection` articles of each section, in one query: a UNION ALL of one small
 * index-ordered subquery per section (a window function would rank the whole archive).
 */
export async function listLatestPerSection(
  db: Db,
  sectionIds: number[],
  perSection: number,
  excludeIds: number[] = [],
) {
  const bySection = new Map<number, ArticleSummary[]>();
  if (sectionIds.length === 0) return bySection;
  const branch = (sectionId: number) =>
    db
      .selectFrom(
        summaryQuery(db)
          .where("a.section_id", "=", sectionId)
          .$if(excludeIds.length > 0, (q) => q.where("a.id", "not in", excludeIds))
          .orderBy("a.published_at", "desc")
          .orderBy("a.id", "desc")
          .limit(perSection)
          .as("r"),
      )
      .selectAll();
  let query = branch(sectionIds[0]!);
  for (const id of sectionIds.slice(1)) query = query.unionAll(branch(id));
  for (const row of await query.execute()) {
    const list = bySection.get(row.section_id) ?? [];
    list.push(toSummary(row as SummaryRow));
    bySection.set(row.section_id, list);
  }
  return bySection;
}

const articleBySlug = precompiled((db) =>
  summaryQuery(db)
    .where("a.slug", "=", slot<string>("slug"))
    .select(["a.body", "a.hero_caption", "a.hero_credit", "a.video_id", "a.description", "a.word_count"]),
);

export async function findPublishedArticleBySlug(db: Db, slug: string) {
  const [row] = await articleBySlug(db, { slug });
  return row && toArticleRow(row);
}

/**
 * Any article by id, published or not, for a preview link. An article never published shows
 * the time of its last change as its date.
 */
export async function findArticleForPreview(db: Db, id: number) {
  const row = await anyStatusQuery(db)
    .where("a.id", "=", id)
    .select(["a.body", "a.hero_caption", "a.hero_credit", "a.video_id", "a.description", "a.word_count"])
    .executeTakeFirst();
  return row && toArticleRow({ ...row, published_at: row.published_at ?? row.updated_at });
}

/** True when an article with this slug was taken down (its address answers 410 Gone). */
export async function isTakenDown(db: Db, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom("articles")
    .select(["status", "published_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  // A story readers had and that went to the trash is gone too (docs/adr/025).
  return row?.status === "unpublished" || (row?.status === "trashed" && row.published_at !== null);
}

function toArticleRow(
  row: SummaryRow & {
    body: string;
    hero_caption: string | null;
    hero_credit: string | null;
    video_id: number | null;
    description: string | null;
    word_count: number | null;
  },
) {
  return {
    ...toSummary(row),
    sectionId: row.section_id,
    body: row.body,
    heroCaption: row.hero_caption ?? row.hero_media_caption ?? "",
    heroCredit: row.hero_credit ?? row.hero_media_credit ?? "",
    videoId: row.video_id,
    /** Stored when the text was written (articles/article-text.ts); null on a row not yet filled. */
    textFacts:
      row.description !== null && row.word_count !== null
        ? { description: row.description, wordCount: row.word_count }
        : null,
  };
}

/** An article's current path if `slug` is one it used to have (renamed articles answer 301). */
export async function findCurrentPathForOldSlug(db: Db, slug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("article_slug_history as h")
    .innerJoin("articles as a", "a.id", "h.article_id")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .where("h.slug", "=", slug)
    .where("a.status", "=", "published")
    .select(["a.slug", "s.slug as section_slug"])
    .executeTakeFirst();
  return row ? articlePath(row.section_slug, row.slug) : undefined;
}

const articleAuthors = precompiled((db) =>
  db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .where("aa.article_id", "=", slot<number>("articleId"))
    .orderBy("aa.position")
    .select(["au.slug", "au.name"]),
);
const articleTags = precompiled((db) =>
  db
    .selectFrom("article_tags as at")
    .innerJoin("tags as t", "t.id", "at.tag_id")
    .where("at.article_id", "=", slot<number>("articleId"))
    .orderBy("t.name")
    .select(["t.slug", "t.name"]),
);
const articleNotes = precompiled((db) =>
  db
    .selectFrom("article_notes")
    .where("article_id", "=", slot<number>("articleId"))
    .orderBy("created_at")
    .select(["kind", "text", "created_at"]),
);

/** The corrections and updates of one article, oldest first. */
export async function listArticleNotes(db: Db, articleId: number): Promise<ArticleNote[]> {
  const notes = await articleNotes(db, { articleId });
  return notes.map((n): ArticleNote => ({ kind: n.kind, text: n.text, createdAt: new Date(n.created_at) }));
}

/** Authors, tags and notes of one article: three small indexed queries. */
export async function loadArticleDetails(
  db: Db,
  articleId: number,
): Promise<Pick<Article, "authors" | "tags" | "notes">> {
  const [authors, tags, notes] = await Promise.all([
    articleAuthors(db, { articleId }),
    articleTags(db, { articleId }),
    listArticleNotes(db, articleId),
  ]);
  return {
    authors: authors.map((a) => ({ slug: a.slug, name: a.name, url: authorPath(a.slug) })),
    tags: tags.map((t) => ({ slug: t.slug, name: t.name, url: tagPath(t.slug) })),
    notes,
  };
}

/** The stored related list of an article, published items only, in one query. */
const storedRelated = precompiled((db) =>
  summaryQuery(db)
    .innerJoin("article_related as r", "r.related_id", "a.id")
    .where("r.article_id", "=", slot<number>("articleId"))
    .orderBy("r.position")
    .limit(slot<number>("limit")),
);

export async function listStoredRelatedArticles(db: Db, articleId: number, limit: number): Promise<ArticleSummary[]> {
  return (await storedRelated(db, { articleId, limit })).map(toSummary);
}

/** A headline for lists that show only the headline and time (Today's headlines, Most read). */
export interface Headline {
  id: number;
  url: string;
  headline: string;
  publishedAt: Date;
}

/** Headlines only: no joins beyond the section, a narrow row, for the lists on every page. */
const headlinesSince = precompiled((db) =>
  db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .where("a.status", "=", "published")
    .where("a.published_at", ">=", slot<string>("since"))
    .select(["a.id", "a.slug", "a.headline", "a.published_at", "s.slug as section_slug"])
    .orderBy("a.published_at", "desc")
    .orderBy("a.id", "desc")
    .limit(slot<number>("limit")),
);

export async function listHeadlines(db: Db, filter: { since?: Date; limit: number }): Promise<Headline[]> {
  // Without a lower bound the same query runs from the beginning of time.
  const rows = await headlinesSince(db, { since: (filter.since ?? new Date(0)).toISOString(), limit: filter.limit });
  return rows.map((r) => ({
    id: r.id,
    url: articlePath(r.section_slug, r.slug),
    headline: r.headline,
    publishedAt: new Date(r.published_at!),
  }));
}

/**
 * Today's headlines in the newsroom's zone. From midnight until the first story of the day the
 * list would be empty for hours, so it falls back to the stories of the last 24 hours (the rail
 * marks them as yesterday's): a reader at 00:30 still gets the news.
 */
export async function listTodaysHeadlines(
  db: Db,
  options: { now: Date; timeZone: string; limit: number },
): Promise<Headline[]> {
  const today = await listHeadlines(db, {
    since: startOfZonedDay(options.now, options.timeZone),
    limit: options.limit,
  });
  if (today.length > 0) return today;
  return listHeadlines(db, { since: new Date(options.now.getTime() - 24 * 3600_000), limit: options.limit });
}

/** The bylines of many articles at once (feeds list twenty items: one query, not twenty). */
export async function listAuthorsForArticles(db: Db, articleIds: number[]): Promise<Map<number, AuthorRef[]>> {
  const byArticle = new Map<number, AuthorRef[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .where("aa.article_id", "in", articleIds)
    .orderBy("aa.article_id")
    .orderBy("aa.position")
    .select(["aa.article_id", "au.slug", "au.name"])
    .execute();
  for (const r of rows) {
    const list = byArticle.get(r.article_id) ?? [];
    list.push({ slug: r.slug, name: r.name, url: authorPath(r.slug) });
    byArticle.set(r.article_id, list);
  }
  return byArticle;
}

/** The tags of many articles at once, each article's by name (one query, like the bylines). */
export async function listTagsForArticles(db: Db, articleIds: number[]): Promise<Map<number, TagRef[]>> {
  const byArticle = new Map<number, TagRef[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await db
    .selectFrom("article_tags as at")
    .innerJoin("tags as t", "t.id", "at.tag_id")
    .where("at.article_id", "in", articleIds)
    .orderBy("at.article_id")
    .orderBy("t.name")
    .select(["at.article_id", "t.slug", "t.name"])
    .execute();
  for (const r of rows) {
    const list = byArticle.get(r.article_id) ?? [];
    list.push({ slug: r.slug, name: r.name, url: tagPath(r.slug) });
    byArticle.set(r.article_id, list);
  }
  return byArticle;
}
