import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// The newsroom's media library (issue 3): what an upload records beyond the seed's columns — the
// editor's focal point for crops, which variant formats exist, the size and SHA-256 of the file
// (de-duplication), its sanitised original name, who uploaded it, the version of its focal crops,
// and one lower-cased text to search. Existing rows keep meaning what they meant: WebP variants only,
// no crops, focus in the middle.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // SQLite adds one column per statement.
  const columns: [
    string,
    "double precision" | "text" | "integer",
    (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder,
  ][] = [
    ["focal_x", "double precision", (c) => c.notNull().defaultTo(0.5)],
    ["focal_y", "double precision", (c) => c.notNull().defaultTo(0.5)],
    ["formats", "text", (c) => c.notNull().defaultTo('["webp"]')],
    ["bytes", "integer", (c) => c.notNull().defaultTo(0)],
    ["original_filename", "text", (c) => c.notNull().defaultTo("")],
    ["sha256", "text", (c) => c.notNull().defaultTo("")],
    ["uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null")],
    ["crop_version", "integer", (c) => c.notNull().defaultTo(0)],
    ["search_text", "text", (c) => c.notNull().defaultTo("")],
  ];
  for (const [name, type, build] of columns) {
    await db.schema.alterTable("media").addColumn(name, type, build).execute();
  }
  await db
    .updateTable("media")
    .set({ search_text: sql`lower(alt || ' ' || caption || ' ' || credit)` })
    .execute();
  // The library lists newest first with a (created_at, id) cursor, optionally of one type.
  await db.schema.createIndex("media_created_idx").on("media").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("media_mime_created_idx").on("media").columns(["mime", "created_at", "id"]).execute();
  await db.schema.createIndex("media_sha256_idx").on("media").column("sha256").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["media_created_idx", "media_mime_created_idx", "media_sha256_idx"]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const name of [
    "focal_x",
    "focal_y",
    "formats",
    "bytes",
    "original_filename",
    "sha256",
    "uploaded_by",
    "crop_version",
    "search_text",
  ]) {
    await db.schema.alterTable("media").dropColumn(name).execute();
  }
}
