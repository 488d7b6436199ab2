import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Wire search on PostgreSQL keeps each item's tsvector in its row (docs/adr/030, amended
// 2026-12-08). A vector of a few hundred words (about 2 kB) was moved out to the TOAST table, so
// every check the index cannot answer alone (a phrase's word order, a filter on a newest-first
// walk) fetched and reassembled it: about four extra page reads per item. Storage MAIN keeps it
// in the row unless the row would not fit a page. SQLite's FTS5 index is not concerned.
//
// The short columns are MAIN too. While a row is over the TOAST target (2 kB), PostgreSQL moves
// its EXTENDED columns out, the largest first, down to any over 18 bytes: with the vector in the
// row, that would move the headline and the times the queue sorts by, and every sort would read
// them back from the TOAST table. The body and its text stay EXTENDED: they are what moves out.
const SHORT = [
  "guid",
  "version_at",
  "headline",
  "standfirst",
  "byline",
  "credit",
  "pub_status",
  "embargo_at",
  "url",
  "received_at",
  "updated_at",
  "killed_at",
];

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await setStorage(db, [...SHORT, "search"], "main");
  // The settings apply to rows written from now on. An update that writes new values (not the
  // stored ones, which keep their place) rewrites the existing rows; the headline's new value also
  // recomputes the vector, a generated column.
  await sql`update wire_items set ${sql.join(
    SHORT.map((c) => sql`${sql.ref(c)} = ${sql.ref(c)} || ''`),
    sql`, `,
  )}`.execute(db);
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await setStorage(db, [...SHORT, "search"], "extended");
}

async function setStorage(db: Kysely<any>, columns: string[], storage: "main" | "extended") {
  const how = sql.raw(storage);
  await sql`alter table wire_items ${sql.join(
    columns.map((c) => sql`alter column ${sql.ref(c)} set storage ${how}`),
    sql`, `,
  )}`.execute(db);
}
