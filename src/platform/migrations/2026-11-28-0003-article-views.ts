import type { Kysely } from "kysely";

// Page views per article per hour: no cookies, no addresses, no user agents; just counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("article_views")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("hour", "text", (c) => c.notNull())
    .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("article_views_pk", ["article_id", "hour"])
    .execute();
  await db.schema.createIndex("article_views_hour_idx").on("article_views").columns(["hour", "article_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("article_views").ifExists().execute();
}
