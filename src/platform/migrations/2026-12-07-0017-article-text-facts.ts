import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// What an article's page says about its text, stored when the text is written instead of worked
// out on every request (docs/adr/022): its description and its word count. Null until computed:
// existing rows are filled after start-up by the `articles.text-facts` job (the text analysis lives
// in the articles domain, which migrations do not import), and pages compute them meanwhile.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("articles").addColumn("description", "text").execute();
  await db.schema.alterTable("articles").addColumn("word_count", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("articles").dropColumn("word_count").execute();
  await db.schema.alterTable("articles").dropColumn("description").execute();
}
