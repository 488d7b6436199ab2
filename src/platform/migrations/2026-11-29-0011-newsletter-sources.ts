import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Newsletters an admin adds (issue 4) are digests: each edition gathers the stories published
// since the one before, from one section or one topic (neither: every section). Deleting the
// section or topic leaves the newsletter covering everything rather than removing it.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("newsletters")
    .addColumn("section_id", "integer", (c) => c.references("sections.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("newsletters")
    .addColumn("tag_id", "integer", (c) => c.references("tags.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("newsletters").dropColumn("tag_id").execute();
  await db.schema.alterTable("newsletters").dropColumn("section_id").execute();
}
