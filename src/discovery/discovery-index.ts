import { type Kysely, sql } from "kysely";
import { documentToPlainText } from "../articles/document/plain-text.js";
import type { Database, Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { VectorStore, relateAll } from "./related-bulk.js";
import { type SearchEntry, indexForSearch, loadBylines } from "./search-index.js";
import { RELATED_KEPT, refreshRelatedArticles, similarArticles, stillPublished } from "./related-lists.js";
import { type ArticleText, termCounts, termVector } from "./related-model.js";

// The discovery index of published articles (docs/adr/006): the full-text search index, the
// term vectors behind related articles, and the stored related lists (docs/adr/005). Everything
// here runs inside the caller's transaction, so the index never disagrees with what was committed.

/** Similar stories whose lists are refreshed when an article is published or changed. */
const AFFECTED = 20;

interface IndexedArticle extends SearchEntry {
  text: ArticleText;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function loadArticles(db: Db, ids: number[]): Promise<IndexedArticle[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("articles")
    .select(["id", "status", "headline", "standfirst", "body"])
    .where("id", "in", ids)
    .execute();
  const tags = await db
    .selectFrom("article_tags as at")
    .innerJoin("tags as t", "t.id", "at.tag_id")
    .select(["at.article_id", "t.name"])
    .where("at.article_id", "in", ids)
    .execute();
  const tagNames = new Map<number, string[]>();
  for (const t of tags) tagNames.set(t.article_id, [...(tagNames.get(t.article_id) ?? []), t.name]);
  const bylines = await loadBylines(db, ids);
  return rows.map((r) => ({
    id: r.id,
    published: r.status === "published",
    byline: bylines.get(r.id) ?? "",
    text: {
      headline: r.headline,
      standfirst: r.standfirst,
      body: documentToPlainText(parseBody(r.body)),
      tags: tagNames.get(r.id) ?? [],
    },
  }));
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/**
 * Writes the term vectors of published articles (and removes those of the rest). Document
 * frequencies count an article the first time it is indexed; edits and removals leave them as they
 * are, a drift that `rebuildDiscoveryIndex` corrects.
 */
async function indexTerms(db: Db, articles: IndexedArticle[]): Promise<void> {
  const ids = articles.map((a) => a.id);
  const seen = new Set(
    (await db.selectFrom("article_terms").select("article_id").distinct().where("article_id", "in", ids).execute()).map(
      (r) => r.article_id,
    ),
  );
  await db.deleteFrom("article_terms").where("article_id", "in", ids).execute();
  const published = articles.filter((a) => a.published);
  if (published.length === 0) return;

  const counts = new Map(published.map((a) => [a.id, termCounts(a.text)]));
  const newDocs = new Map<string, number>();
  for (const a of published) {
    if (seen.has(a.id)) continue;
    newDocs.set("", (newDocs.get("") ?? 0) + 1);
    for (const term of counts.get(a.id)!.keys()) newDocs.set(term, (newDocs.get(term) ?? 0) + 1);
  }
  await addDocumentFrequencies(db, newDocs);

  const terms = [...new Set([...counts.values()].flatMap((c) => [...c.keys()]))];
  const df = await readDocumentFrequencies(db, terms);
  const total = df.get("") ?? 1;
  const rows = published.flatMap((a) =>
    termVector(counts.get(a.id)!, (t) => df.get(t) ?? 1, total).map((t) => ({ ...t, article_id: a.id })),
  );
  for (const batch of chunks(rows, 2000)) await db.insertInto("article_terms").values(batch).execute();
}

async function addDocumentFrequencies(db: Db, increments: Map<string, number>): Promise<void> {
  for (const batch of chunks([...increments], 2000)) {
    await db
      .insertInto("term_stats")
      .values(batch.map(([term, df]) => ({ term, df })))
      .onConflict((oc) => oc.column("term").doUpdateSet({ df: sql`term_stats.df + excluded.df` }))
      .execute();
  }
}

async function readDocumentFrequencies(db: Db, terms: string[]): Promise<Map<string, number>> {
  const df = new Map<string, number>();
  for (const batch of chunks(["", ...terms], 5000)) {
    const rows = await db.selectFrom("term_stats").select(["term", "df"]).where("term", "in", batch).execute();
    for (const r of rows) df.set(r.term, r.df);
  }
  return df;
}

export interface ReindexOptions {
  /**
   * Also refresh the lists these articles could enter or leave: the most similar stories and those
   * that list them now. On for a newsroom publish; off for bulk work that refreshes everything.
   */
  cascade?: boolean;
  /** Refresh related lists at all (a bulk import defers them to one pass at the end). */
  related?: boolean;
}

/**
 * Brings the discovery index up to date for articles that were created, changed, published or
 * unpublished. Call it inside the transaction that changed them. Returns the articles whose
 * related list changed (their pages show it).
 */
export async function reindexArticles(db: Db, articleIds: number[], options: ReindexOptions = {}): Promise<number[]> {
  const { cascade = true, related = true } = options;
  if (!related) {
    const articles = await loadArticles(db, [...new Set(articleIds)]);
    await indexForSearch(db, articles);
    await indexTerms(db, articles);
    return [];
  }
  const published = await indexOwn(db, articleIds);
  const lists = cascade ? await listsToRefresh(db, articleIds, published) : published;
  return refreshRelatedArticles(db, await stillPublished(db, lists));
}

/**
 * reindexArticles' first half, for the re-index job (reindex-job.ts): the articles' search entries
 * and term vectors, and no related list for those no longer published. Returns those published.
 */
export async function indexOwn(db: Db, articleIds: number[]): Promise<number[]> {
  const articles = await loadArticles(db, [...new Set(articleIds)]);
  await indexForSearch(db, articles);
  await indexTerms(db, articles);
  const unpublished = articles.filter((a) => !a.published).map((a) => a.id);
  if (unpublished.length) await db.deleteFrom("article_related").where("article_id", "in", unpublished).execute();
  return articles.filter((a) => a.published).map((a) => a.id);
}

/**
 * The related lists a change of `articleIds` can move, from the committed index: the published
 * ones' own lists first, then those of their closest stories and those that list any of them.
 * `db` may be a read thread (the rankings are the long reads).
 */
export async function listsToRefresh(db: Db, articleIds: number[], published: number[]): Promise<number[]> {
  const lists = new Set<number>(published);
  for (const id of published) for (const s of await similarArticles(db, id, AFFECTED)) lists.add(s.id);
  const listing = await db
    .selectFrom("article_related")
    .select("article_id")
    .where("related_id", "in", [...new Set(articleIds)])
    .execute();
  for (const r of listing) lists.add(r.article_id);
  return [...lists];
}

export type RebuildPhase = "counting" | "indexing" | "relating";
export type Progress = (phase: RebuildPhase, done: number, total: number) => void;

/**
 * Rebuilds the whole discovery index from the published articles: exact document frequencies,
 * every vector and search entry, then every related list. Each batch is its own transaction, so
 * the site keeps serving (pages read the old lists until theirs is replaced) and an interrupted
 * rebuild can simply be run again.
 */
export async function rebuildDiscoveryIndex(
  db: Kysely<Database>,
  onProgress: Progress = () => {},
  batchSize = 500,
  options: { related?: boolean } = {},
): Promise<{ articles: number; relatedChanged: number[] }> {
  const ids = (
    await db.selectFrom("articles").select("id").where("status", "=", "published").orderBy("id").execute()
  ).map((r) => r.id);
  const batches = chunks(ids, batchSize);

  const df = new Map<string, number>([["", ids.length]]);
  let done = 0;
  for (const batch of batches) {
    for (const a of await loadArticles(db, batch)) {
      for (const term of termCounts(a.text).keys()) df.set(term, (df.get(term) ?? 0) + 1);
    }
    onProgress("counting", (done += batch.length), ids.length);
  }

  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("term_stats").execute();
    for (const batch of chunks([...df], 2000)) {
      await trx
        .insertInto("term_stats")
        .values(batch.map(([term, n]) => ({ term, df: n })))
        .execute();
    }
    // Anything no longer published leaves the index.
    const published = trx.selectFrom("articles").select("id").where("status", "=", "published");
    await trx.deleteFrom("article_terms").where("article_id", "not in", published).execute();
    await trx.deleteFrom("article_related").where("article_id", "not in", published).execute();
    if (dialectOf(trx) === "sqlite") {
      await sql`delete from article_fts where rowid not in (select id from articles where status = 'published')`.execute(
        trx,
      );
    } else {
      await sql`delete from article_search where article_id not in (select id from articles where status = 'published')`.execute(
        trx,
      );
    }
  });

  // The vectors stay in memory for the related lists, which are ranked in one pass (related-bulk.ts).
  const store = new VectorStore(options.related === false ? [] : ids);
  done = 0;
  for (const batch of batches) {
    await db.transaction().execute(async (trx) => {
      const articles = await loadArticles(trx, batch);
      await indexForSearch(trx, articles);
      await trx.deleteFrom("article_terms").where("article_id", "in", batch).execute();
      const rows = articles.flatMap((a) => {
        const vector = termVector(termCounts(a.text), (t) => df.get(t) ?? 1, ids.length);
        store.set(a.id, vector);
        return vector.map((t) => ({ ...t, article_id: a.id }));
      });
      // In key order (the table is clustered by term): each page of the index is visited once per
      // batch instead of once per row, which keeps a large rebuild from thrashing the page cache.
      rows.sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : x.article_id - y.article_id));
      for (const part of chunks(rows, 2000)) await trx.insertInto("article_terms").values(part).execute();
    });
    onProgress("indexing", (done += batch.length), ids.length);
  }

  if (options.related === false) return { articles: ids.length, relatedChanged: [] };
  store.invert();
  await relateAll(db, store, RELATED_KEPT, (n, total) => onProgress("relating", n, total));
  // Every list may have moved: the pages showing any of them are all to be dropped.
  return { articles: ids.length, relatedChanged: ids };
}
