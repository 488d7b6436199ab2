import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Live blogs (docs/adr/028). An article is a live blog when it has a `live_blogs` row; its entries
// are documents of their own. `rev` is the live blog's change counter: every post, edit, pin or
// delete takes the next value in the same transaction and stamps it on the entries it changed, so
// "everything after rev N" is one indexed read (a stream resuming from Last-Event-ID). A deleted
// entry keeps its row (deleted_at) so that a reader who missed the delete still hears of it.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("live_blogs")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    // open | closed
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("rev", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  const entries =
    dialect === "postgres"
      ? db.schema.createTable("live_entries").addColumn("id", "serial", (c) => c.primaryKey())
      : db.schema.createTable("live_entries").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await entries
    .addColumn("article_id", "integer", (c) => c.notNull().references("live_blogs.article_id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull())
    // published | in_review (a contributor's entry on a published live blog waits for an editor)
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("key_event", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("rev", "integer", (c) => c.notNull())
    .addColumn("posted_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema.createIndex("live_entries_rev_idx").on("live_entries").columns(["article_id", "rev"]).execute();
  await db.schema
    .createIndex("live_entries_posted_idx")
    .on("live_entries")
    .columns(["article_id", "posted_at", "id"])
    .execute();
  // The unposted entry a journalist is writing, kept by autosave: one per journalist per live blog.
  await db.schema
    .createTable("live_drafts")
    .addColumn("article_id", "integer", (c) => c.notNull().references("live_blogs.article_id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("draft", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("live_drafts_pk", ["article_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("live_drafts").execute();
  await db.schema.dropTable("live_entries").execute();
  await db.schema.dropTable("live_blogs").execute();
}
