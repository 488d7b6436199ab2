import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Video as a first-class part of the paper (issue 5): an upload's life (uploaded → processing →
// ready | failed) with progress and a readable error, its section and tags, the renditions made
// from it, the poster choice, who uploaded it and whether it is published; caption tracks per
// language; and resumable upload sessions. Rows made before this migration (the demo video) are
// ready and published, so existing pages keep showing them.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = (name: string) =>
    dialect === "postgres"
      ? db.schema.createTable(name).addColumn("id", "serial", (c) => c.primaryKey())
      : db.schema.createTable(name).addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  const columns: [string, "text" | "integer" | "real", (c: any) => any][] = [
    [
      "status",
      "text",
      (c) =>
        c
          .notNull()
          .defaultTo("ready")
          .check(sql`status in ('uploaded', 'processing', 'ready', 'failed')`),
    ],
    ["processing_error", "text", (c) => c],
    ["progress", "integer", (c) => c.notNull().defaultTo(100)],
    ["section_id", "integer", (c) => c.references("sections.id").onDelete("set null")],
    // JSON: { mp4?: key, hls?: { master: key, variants: { height, width, bandwidth, key }[] } }
    ["renditions", "text", (c) => c.notNull().defaultTo("{}")],
    ["poster_time", "real", (c) => c],
    ["uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null")],
    ["source_key", "text", (c) => c],
    ["published", "integer", (c) => c.notNull().defaultTo(1)],
    ["created_at", "text", (c) => c],
    ["updated_at", "text", (c) => c],
  ];
  for (const [name, type, build] of columns) {
    await db.schema.alterTable("videos").addColumn(name, type, build).execute();
  }
  await db
    .updateTable("videos")
    .set({ created_at: sql`published_at`, updated_at: sql`published_at` })
    .execute();
  await db.schema.createIndex("videos_status_idx").on("videos").column("status").execute();

  await db.schema
    .createTable("video_tags")
    .addColumn("video_id", "integer", (c) => c.notNull().references("videos.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("video_tags_pk", ["video_id", "tag_id"])
    .execute();

  await id("video_captions")
    .addColumn("video_id", "integer", (c) => c.notNull().references("videos.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("cue_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("video_captions_lang_uq", ["video_id", "lang"])
    .execute();

  // A resumable upload: chunks are stored one key each as they arrive; `received` counts the
  // bytes of the chunks stored, so a dropped connection loses only the chunk in flight.
  await db.schema
    .createTable("video_uploads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("total_bytes", "bigint", (c) => c)
    .addColumn("received", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("chunks", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("video_id", "integer", (c) => c.references("videos.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
