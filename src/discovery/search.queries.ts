import { type RawBuilder, sql } from "kysely";
import type { ArticleSummary } from "../articles/article.js";
import { listPublishedArticlesByIds } from "../articles/article.queries.js";
import type { Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import {
  type SearchQuery,
  type Segment,
  fts5Expression,
  highlight,
  isEmptyQuery,
  parseSearchQuery,
  snippet,
  blocksToLine,
} from "./search-query.js";

// Full-text search over published articles behind one interface: SQLite FTS5 (porter stemming,
// bm25 with the headline weighing most, the byline as much as the standfirst) or PostgreSQL tsvector + GIN (english stemming, ts_rank
// over A/B/C weights). Relevance gets a boost for recent stories that halves over about a month.
// Both engines read the same parsed query, so hostile input never reaches either as syntax.

export interface SearchParams {
  q: string;
  /** Section slug. */
  section?: string;
  /** Author slug. */
  author?: string;
  /** Published on or after this instant. */
  from?: Date;
  /** Published before this instant. */
  to?: Date;
  sort: "relevance" | "newest";
  page: number;
  perPage: number;
  /** Stories dated after now (embargoed or scheduled) are never found. */
  now: Date;
}

export interface SearchHit {
  article: ArticleSummary;
  headline: Segment[];
  snippet: Segment[];
}

export interface SearchResults {
  total: number;
  results: SearchHit[];
  query: SearchQuery;
}

interface Match {
  id: number;
  headline: string;
  standfirst: string;
  body: string;
}

export async function searchArticles(db: Db, params: SearchParams): Promise<SearchResults> {
  const query = parseSearchQuery(params.q);
  if (isEmptyQuery(query)) return { total: 0, results: [], query };
  const engine = dialectOf(db) === "sqlite" ? sqliteSearch : postgresSearch;
  const { total, rows } = await engine(db, query, params);
  const articles = await listPublishedArticlesByIds(
    db,
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total,
    query,
    results: articles.map((article) => {
      const row = byId.get(article.id)!;
      return {
        article,
        headline: highlight(row.headline, query.stems),
        snippet: snippet(blocksToLine(`${row.standfirst}\n\n${row.body}`), query.stems),
      };
    }),
  };
}

/** The filters shared by both engines, on `a` (articles). */
function filters(params: SearchParams): RawBuilder<unknown> {
  const parts = [sql`a.status = 'published'`, sql`a.published_at <= ${params.now.toISOString()}`];
  if (params.from) parts.push(sql`a.published_at >= ${params.from.toISOString()}`);
  if (params.to) parts.push(sql`a.published_at < ${params.to.toISOString()}`);
  if (params.section) {
    parts.push(sql`a.section_id = (select id from sections where slug = ${params.section})`);
  }
  if (params.author) {
    parts.push(
      sql`exists (select 1 from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = a.id and au.slug = ${params.author})`,
    );
  }
  return sql.join(parts, sql` and `);
}

const offset = (p: SearchParams) => (p.page - 1) * p.perPage;

async function sqliteSearch(db: Db, query: SearchQuery, params: SearchParams) {
  const match = fts5Expression(query);
  // CROSS JOIN keeps the FTS index as the outer loop: SQLite never reorders it (the articles indexes
  // would otherwise tempt it to run the MATCH once per article).
  const where = sql`article_fts match ${match} and ${filters(params)}`;
  // bm25 is lower-is-better (negative); multiplying by the boost (> 1) moves recent stories up.
  const order =
    params.sort === "newest"
      ? sql`a.published_at desc, a.id desc`
      : sql`bm25(article_fts, 10.0, 4.0, 4.0, 1.0, 4.0) * (1.0 + 0.5 / (1.0 + (julianday(${params.now.toISOString()}) - julianday(a.published_at)) / 30.0)), a.id desc`;
  const [rows, count] = await Promise.all([
    sql<Match>`select a.id, f.headline, f.standfirst, f.body
      from article_fts f cross join articles a on a.id = f.rowid
      where ${where} order by ${order} limit ${params.perPage} offset ${offset(params)}`.execute(db),
    sql<{
      n: number;
    }>`select count(*) as n from article_fts f cross join articles a on a.id = f.rowid where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
}

function tsquery(query: SearchQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (query.words.length) parts.push(sql`plainto_tsquery('english', ${query.words.join(" ")})`);
  for (const p of query.phrases) parts.push(sql`phraseto_tsquery('english', ${p.join(" ")})`);
  return sql.join(parts, sql` && `);
}

async function postgresSearch(db: Db, query: SearchQuery, params: SearchParams) {
  const where = sql`s.document @@ q.query and ${filters(params)}`;
  const from = sql`article_search s join articles a on a.id = s.article_id cross join (select ${tsquery(query)} as query) q`;
  const order =
    params.sort === "newest"
      ? sql`a.published_at desc, a.id desc`
      : sql`ts_rank(s.document, q.query, 1) * (1.0 + 0.5 / (1.0 + extract(epoch from (${params.now.toISOString()}::timestamptz - a.published_at::timestamptz)) / 2592000.0)) desc, a.id desc`;
  const [rows, count] = await Promise.all([
    sql<Match>`select a.id, s.headline, s.standfirst, s.body from ${from}
      where ${where} order by ${order} limit ${params.perPage} offset ${offset(params)}`.execute(db),
    sql<{ n: string | number }>`select count(*) as n from ${from} where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
}
