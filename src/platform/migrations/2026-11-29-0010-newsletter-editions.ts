import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Editions of every newsletter, not only the Morning Headlines (issue 4): a version and update
// time so two editors' changes to a draft edition cannot silently overwrite each other; the
// article a breaking-news alert is about (one alert per article, ever); and the videos of a Video
// newsletter edition, in order.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("briefings")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("briefings").addColumn("updated_at", "text").execute();
  await db.schema
    .alterTable("briefings")
    .addColumn("article_id", "integer", (c) => c.references("articles.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("briefings_alert_article_uq")
    .on("briefings")
    .columns(["newsletter", "article_id"])
    .unique()
    .execute();

  await db.schema
    .createTable("briefing_videos")
    .addColumn("briefing_id", "integer", (c) => c.notNull().references("briefings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("video_id", "integer", (c) => c.notNull().references("videos.id").onDelete("cascade"))
    .addColumn("line", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("briefing_videos_pk", ["briefing_id", "position"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("briefing_videos").ifExists().execute();
  await db.schema.dropIndex("briefings_alert_article_uq").ifExists().execute();
  await db.schema.alterTable("briefings").dropColumn("article_id").execute();
  await db.schema.alterTable("briefings").dropColumn("updated_at").execute();
  await db.schema.alterTable("briefings").dropColumn("version").execute();
}
