import { type RawBuilder, sql } from "kysely";
import type { Db } from "../database.js";
import { fts5Expression, type SearchQuery } from "../discovery/search-query.js";

// Which wire items a search finds, as a condition on `wire_items i` for the queue's query.
// SQLite: the newest SEARCH_CANDIDATES FTS5 matches. PostgreSQL: every match, exactly (no bound);
// phrases take two steps so that a phrase of common words does not check the word order of most
// of the queue (BENCHMARKS.md, the wire; docs/adr/030).

/** Matches ranked per search on SQLite; an update that moves an older item up still shows within them. */
const SEARCH_CANDIDATES = 2000;
/**
 * Items holding all of a phrase's words, newest first, whose word order is checked in the first
 * step on PostgreSQL. A phrase found in one of every five such items fills a page from them.
 */
export const PHRASE_CANDIDATES = 250;

/** The words and phrases as one tsquery: all words, each phrase in its order. */
export function tsQuery(parsed: SearchQuery): RawBuilder<unknown> {
  const parts = [];
  if (parsed.words.length) parts.push(sql`plainto_tsquery('english', ${parsed.words.join(" ")})`);
  for (const p of parsed.phrases) parts.push(sql`phraseto_tsquery('english', ${p.join(" ")})`);
  return sql`(${sql.join(parts, sql` && `)})`;
}

/** Every word of the query, phrases' words included, in any order: what a match must hold. */
function allWords(parsed: SearchQuery): RawBuilder<unknown> {
  return sql`plainto_tsquery('english', ${[...parsed.words, ...parsed.phrases.flat()].join(" ")})`;
}

/**
 * The condition on `i` for a search, given the queue's other conditions (provider, urgency,
 * cursor…) as `filters`. Returns null when nothing can match.
 */
export async function searchCondition(
  db: Db,
  dialect: "sqlite" | "postgres",
  parsed: SearchQuery,
  filters: RawBuilder<boolean>[],
  limit: number,
): Promise<RawBuilder<boolean> | null> {
  if (dialect === "sqlite") {
    // A bounded candidate set: the newest SEARCH_CANDIDATES matches by id (items arrive in id
    // order), then sorted by last update. A word in every item costs the same as a rare one.
    return sql<boolean>`i.id in (select rowid from wire_fts where wire_fts match ${fts5Expression(parsed)} order by rowid desc limit ${SEARCH_CANDIDATES})`;
  }
  // Words alone: the GIN index answers them without reading the vectors, and the planner chooses
  // well between it and the newest-first scan of the time index (its estimates for words hold).
  if (!parsed.phrases.length) return sql<boolean>`i.search @@ ${tsQuery(parsed)}`;
  const ids = await phraseMatches(db, parsed, filters, limit + 1);
  if (!ids.length) return null;
  return sql<boolean>`i.id in (${sql.join(ids)})`;
}

/**
 * The newest `want` items matching a query with phrases. The index finds the items holding all
 * the words; only the vector in the row can tell their order. The planner estimates a phrase as
 * common as its words together, so left alone it walks the time index checking each item, and a
 * rare phrase of common words reads most of the queue. Instead: (1) check the order in the newest
 * PHRASE_CANDIDATES items holding all the words; if that fills the page, or there were no more
 * such items, those are the answer. (2) Otherwise, past those candidates, the cheaper of two
 * ways by what step 1 saw: keep walking newest first, checking each item (about as many items as
 * it took to see the phrase so far, for each match still wanted), or check every remaining item
 * holding the words (the index's candidates, through a materialised step the planner cannot turn
 * into the walk) and sort the matches. A phrase not seen at all always takes the second.
 * Either way the answer is every match, newest first.
 */
async function phraseMatches(db: Db, parsed: SearchQuery, filters: RawBuilder<boolean>[], want: number) {
  const holdsWords = sql<boolean>`i.search @@ ${allWords(parsed)}`;
  const first = await sql<{ id: number; updated_at: string; hit: boolean }>`
    select i.id, i.updated_at, i.search @@ ${tsQuery(parsed)} as hit
    from wire_items i where ${sql.join([...filters, holdsWords], sql` and `)}
    order by i.updated_at desc, i.id desc limit ${PHRASE_CANDIDATES}`.execute(db);
  const hits = first.rows.filter((r) => r.hit).map((r) => r.id);
  const last = first.rows[PHRASE_CANDIDATES - 1];
  if (hits.length >= want || !last) return hits.slice(0, want);
  const where = sql.join(
    [
      ...filters,
      holdsWords,
      sql<boolean>`i.search @@ ${tsQuery(parsed)}`,
      sql<boolean>`(i.updated_at < ${last.updated_at} or (i.updated_at = ${last.updated_at} and i.id < ${last.id}))`,
    ],
    sql` and `,
  );
  const rest = (await walkIsCheaper(db, last, hits.length, want))
    ? await sql<{ id: number }>`select i.id from wire_items i where ${where}
        order by i.updated_at desc, i.id desc limit ${want - hits.length}`.execute(db)
    : await sql<{ id: number }>`with m as materialized (select i.id, i.updated_at from wire_items i where ${where})
        select id from m order by updated_at desc, id desc limit ${want - hits.length}`.execute(db);
  return [...hits, ...rest.rows.map((r) => r.id)];
}

/**
 * Step 2's choice. The items up to the last candidate (counted on the time index alone, the
 * queue's other conditions aside: a cost guess, not an answer) held PHRASE_CANDIDATES with all the
 * words and `seen` with the phrase; the rest of the queue (the planner's row estimate) is assumed
 * alike. The walk reads about `walked / seen` items per match still wanted; checking every
 * remaining item that holds the words reads their share of the rest.
 */
async function walkIsCheaper(db: Db, last: { id: number; updated_at: string }, seen: number, want: number) {
  if (!seen) return false;
  const { rows } = await sql<{ walked: string | number; total: string | number }>`
    select count(*) as walked, (select reltuples from pg_class where oid = 'wire_items'::regclass) as total
    from wire_items i where (i.updated_at, i.id) >= (${last.updated_at}, ${last.id})`.execute(db);
  const walked = Number(rows[0]?.walked ?? 0);
  const total = Math.max(Number(rows[0]?.total ?? 0), walked);
  const walk = ((want - seen) * walked) / seen;
  const check = (PHRASE_CANDIDATES / Math.max(walked, 1)) * (total - walked);
  return walk < check;
}
