import { sql } from "kysely";
import type { Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";

// The full-text index's rows (docs/adr/006, 036): one per published article, with its headline,
// standfirst, topics, body and byline. The byline is the authors' names in their order, stored in
// the index so that a search for a writer is one index lookup, never a join per matching row.

export interface SearchEntry {
  id: number;
  published: boolean;
  /** The authors' names, comma-separated, in byline order. */
  byline: string;
  text: { headline: string; standfirst: string; tags: string[]; body: string };
}

/** Each article's byline as the index stores it. */
export async function loadBylines(db: Db, ids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string[]>();
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("article_authors as aa")
    .innerJoin("authors as au", "au.id", "aa.author_id")
    .select(["aa.article_id", "au.name"])
    .where("aa.article_id", "in", ids)
    .orderBy("aa.article_id")
    .orderBy("aa.position")
    .execute();
  for (const r of rows) names.set(r.article_id, [...(names.get(r.article_id) ?? []), r.name]);
  return new Map([...names].map(([id, list]) => [id, list.join(", ")]));
}

/** Puts published articles in the full-text index and takes everything else out of it. */
export async function indexForSearch(db: Db, articles: SearchEntry[]): Promise<void> {
  const ids = articles.map((a) => a.id);
  if (ids.length === 0) return;
  const published = articles.filter((a) => a.published);
  const row = (a: SearchEntry) =>
    sql`(${a.id}, ${a.text.headline}, ${a.text.standfirst}, ${a.text.tags.join(", ")}, ${a.text.body}, ${a.byline})`;
  const sqlite = dialectOf(db) === "sqlite";
  if (sqlite) await sql`delete from article_fts where rowid in (${sql.join(ids)})`.execute(db);
  else await sql`delete from article_search where article_id in (${sql.join(ids)})`.execute(db);
  for (let i = 0; i < published.length; i += 200) {
    const values = sql.join(published.slice(i, i + 200).map(row));
    if (sqlite)
      await sql`insert into article_fts (rowid, headline, standfirst, tags, body, byline) values ${values}`.execute(db);
    else
      await sql`insert into article_search (article_id, headline, standfirst, tags, body, byline) values ${values}`.execute(
        db,
      );
  }
}
