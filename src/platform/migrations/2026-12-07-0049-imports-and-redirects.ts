import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Imports from other platforms (docs/adr/034): what each source's items became here, so running an
// import again adds nothing twice, and the old addresses that answer 301 to the new ones.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("imported_items")
    // "ghost", "wordpress:<site address>", "london-daily"
    .addColumn("source", "text", (c) => c.notNull())
    // post | page | tag | author | media | section
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("local_id", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("imported_items_pk", ["source", "kind", "external_id"])
    .execute();

  await db.schema
    .createTable("redirects")
    // the old path, normalised (redirects/old-path.ts): "/2019/05/my-post", "?p=123"
    .addColumn("path", "text", (c) => c.primaryKey())
    // an article's current address is worked out at request time, so a later move or rename holds
    .addColumn("article_id", "integer", (c) => c.references("articles.id").onDelete("cascade"))
    // a fixed address here, for what is not an article (a topic, an author)
    .addColumn("target", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("redirects_article_idx").on("redirects").column("article_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("redirects").execute();
  await db.schema.dropTable("imported_items").execute();
}
