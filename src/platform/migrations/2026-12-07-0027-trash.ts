import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// The trash (docs/adr/025): articles, images and videos are deleted softly and kept 30 days, when
// the `trash.purge` job removes them for good. An article in the trash has status "trashed" (so
// every reader query, which asks for "published", leaves it out) and remembers its status before.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  for (const table of ["articles", "media", "videos"]) {
    await db.schema.alterTable(table).addColumn("trashed_at", "text").execute();
    await db.schema
      .alterTable(table)
      .addColumn("trashed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .execute();
  }
  await db.schema.alterTable("articles").addColumn("trashed_from", "text").execute();
  for (const table of ["articles", "media", "videos"])
    await db.schema.createIndex(`${table}_trashed_idx`).on(table).column("trashed_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["articles", "media", "videos"]) {
    await db.schema.dropIndex(`${table}_trashed_idx`).execute();
    if (table === "articles") await db.schema.alterTable(table).dropColumn("trashed_from").execute();
    await db.schema.alterTable(table).dropColumn("trashed_by").execute();
    await db.schema.alterTable(table).dropColumn("trashed_at").execute();
  }
}
