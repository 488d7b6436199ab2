import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// The discovery index, written when content changes (docs/adr/006):
// - article_terms: each published article's text as a short unit vector of weighted stems, the
//   postings from which related articles are ranked by cosine similarity;
// - term_stats: in how many articles each stem occurs (the row for '' counts the articles);
// - related_overrides: stories an editor pinned to or excluded from an article's related list;
// - the full-text index: an FTS5 table on SQLite, a weighted tsvector with a GIN index on PostgreSQL.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  let terms = db.schema
    .createTable("article_terms")
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("weight", "real", (c) => c.notNull())
    .addPrimaryKeyConstraint("article_terms_pk", ["term", "article_id"]);
  // Clustered by term on SQLite: a term's postings, weights included, are one contiguous range.
  if (dialect === "sqlite") terms = terms.modifyEnd(sql`without rowid`);
  await terms.execute();
  await db.schema.createIndex("article_terms_article_idx").on("article_terms").column("article_id").execute();

  await db.schema
    .createTable("term_stats")
    .addColumn("term", "text", (c) => c.primaryKey())
    .addColumn("df", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("related_overrides")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("related_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('pin', 'exclude')`))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("related_overrides_pk", ["article_id", "related_id"])
    .execute();

  if (dialect === "sqlite") {
    await sql`create virtual table article_fts using fts5(
      headline, standfirst, tags, body,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  } else {
    await sql`create table article_search (
      article_id integer primary key references articles(id) on delete cascade,
      headline text not null,
      standfirst text not null,
      tags text not null,
      body text not null,
      document tsvector generated always as (
        setweight(to_tsvector('english', headline), 'A') ||
        setweight(to_tsvector('english', standfirst), 'B') ||
        setweight(to_tsvector('english', tags), 'B') ||
        setweight(to_tsvector('english', body), 'C')
      ) stored
    )`.execute(db);
    await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") await sql`drop table if exists article_fts`.execute(db);
  else await sql`drop table if exists article_search`.execute(db);
  for (const table of ["related_overrides", "term_stats", "article_terms"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
