import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Wire search on PostgreSQL keeps each item's tsvector in its row (docs/adr/030, amended
// 2026-12-08). A vector of a few hundred words (about 2 kB) was moved out to the TOAST table, so
// every check the index cannot answer alone (a phrase's word order, a filter on an ordered scan)
// fetched and reassembled it: about four extra page reads per item. Storage MAIN keeps it in the
// row unless the row would not fit a page. SQLite's FTS5 index is not concerned.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`alter table wire_items alter column search set storage main`.execute(db);
  // The setting applies to rows written from now on; rewriting the existing rows brings their
  // vectors in. Only an update of a column the vector is made from recomputes a generated column.
  await sql`update wire_items set headline = headline`.execute(db);
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`alter table wire_items alter column search set storage extended`.execute(db);
}
