import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Staged updates (docs/adr/019): edits to a published article are kept here, one pending copy per
// article (a full snapshot of its editable fields, JSON), until someone with the right to publish it
// puts it live or discards it. The public row in `articles` is never written by an autosave.
// `review` = 1 when someone who may not publish the article made the edits: it waits for an editor.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("article_pending")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("review", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("article_pending").execute();
}
