import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Search finds stories by byline (docs/adr/036): the full-text index gains a `byline` column with
// the names of the article's authors, so a search for a writer's name is one index lookup, never a
// join per candidate row. Filled here from the bylines as they stand; afterwards the re-index keeps
// it (a publication or Update re-indexes the story, an author's rename re-indexes their stories).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    // FTS5 tables cannot gain a column: a new one takes the old one's rows and name.
    await sql`create virtual table article_fts_next using fts5(
      headline, standfirst, tags, body, byline,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`insert into article_fts_next (rowid, headline, standfirst, tags, body, byline)
      select f.rowid, f.headline, f.standfirst, f.tags, f.body,
        coalesce((select group_concat(name, ', ') from (
          select au.name from article_authors aa join authors au on au.id = aa.author_id
          where aa.article_id = f.rowid order by aa.position)), '')
      from article_fts f`.execute(db);
    await sql`drop table article_fts`.execute(db);
    await sql`alter table article_fts_next rename to article_fts`.execute(db);
  } else {
    await sql`alter table article_search add column byline text not null default ''`.execute(db);
    await sql`update article_search s set byline = coalesce((
      select string_agg(au.name, ', ' order by aa.position) from article_authors aa
      join authors au on au.id = aa.author_id where aa.article_id = s.article_id), '')`.execute(db);
    // A generated column's expression cannot be altered: it is dropped (with its index) and made anew.
    await sql`alter table article_search drop column document`.execute(db);
    await sql`alter table article_search add column document tsvector generated always as (
      setweight(to_tsvector('english', headline), 'A') ||
      setweight(to_tsvector('english', standfirst), 'B') ||
      setweight(to_tsvector('english', tags), 'B') ||
      setweight(to_tsvector('english', byline), 'B') ||
      setweight(to_tsvector('english', body), 'C')
    ) stored`.execute(db);
    await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    await sql`create virtual table article_fts_prev using fts5(
      headline, standfirst, tags, body,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`insert into article_fts_prev (rowid, headline, standfirst, tags, body)
      select rowid, headline, standfirst, tags, body from article_fts`.execute(db);
    await sql`drop table article_fts`.execute(db);
    await sql`alter table article_fts_prev rename to article_fts`.execute(db);
  } else {
    await sql`alter table article_search drop column document`.execute(db);
    await sql`alter table article_search drop column byline`.execute(db);
    await sql`alter table article_search add column document tsvector generated always as (
      setweight(to_tsvector('english', headline), 'A') ||
      setweight(to_tsvector('english', standfirst), 'B') ||
      setweight(to_tsvector('english', tags), 'B') ||
      setweight(to_tsvector('english', body), 'C')
    ) stored`.execute(db);
    await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  }
}
