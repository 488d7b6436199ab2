import type { Kysely } from "kysely";

// Related articles are computed when content changes and stored, so a page reads them in one
// indexed query instead of ranking the archive on every request.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("article_related")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("related_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("score", "real", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("article_related_pk", ["article_id", "position"])
    .execute();
  await db.schema.createIndex("article_related_related_idx").on("article_related").column("related_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("article_related").ifExists().execute();
}
