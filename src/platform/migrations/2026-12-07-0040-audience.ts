import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// The audience desk (docs/adr/029): counts, never events. Views, engaged seconds and sign-ups are
// added up per minute (kept 48 hours) and per newsroom day (kept for good), each by article and
// source; visitors are daily-salted hashes kept only for the day they belong to, then reduced to a
// count; presence is one row per open page, for "readers now", kept five minutes.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const counts = (name: string, period: string) =>
    db.schema
      .createTable(name)
      .addColumn(period, "text", (c) => c.notNull())
      // 0: a page that is not an article (the front, a section, a video page)
      .addColumn("article_id", "integer", (c) => c.notNull())
      // direct | internal | search | social | newsletter | other
      .addColumn("source", "text", (c) => c.notNull())
      // the referring site's domain, the search engine or network's name, or the newsletter edition
      .addColumn("referrer", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("engaged_seconds", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("signups", "integer", (c) => c.notNull().defaultTo(0));
  await counts("audience_minutes", "minute")
    .addPrimaryKeyConstraint("audience_minutes_pk", ["minute", "article_id", "source", "referrer"])
    .execute();
  await db.schema
    .createIndex("audience_minutes_article_idx")
    .on("audience_minutes")
    .columns(["article_id", "minute"])
    .execute();
  await counts("audience_days", "day")
    // utm_source / utm_medium / utm_campaign joined by "/", or "" without campaign parameters
    .addColumn("campaign", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("audience_days_pk", ["day", "article_id", "source", "referrer", "campaign"])
    .execute();
  await db.schema.createIndex("audience_days_article_idx").on("audience_days").columns(["article_id", "day"]).execute();
  await db.schema
    .createTable("audience_visitors")
    .addColumn("day", "text", (c) => c.notNull())
    // -1: the site as a whole
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("visitor", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("audience_visitors_pk", ["day", "article_id", "visitor"])
    .execute();
  await db.schema
    .createTable("audience_day_visitors")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("visitors", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("audience_day_visitors_pk", ["day", "article_id"])
    .execute();
  await db.schema
    .createIndex("audience_day_visitors_article_idx")
    .on("audience_day_visitors")
    .columns(["article_id", "day"])
    .execute();
  await db.schema
    .createTable("audience_salts")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("salt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("audience_presence")
    // a random id the page makes when it opens; not a cookie, gone with the tab
    .addColumn("page_view", "text", (c) => c.primaryKey())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("referrer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audience_presence_seen_idx").on("audience_presence").column("seen_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "audience_presence",
    "audience_salts",
    "audience_day_visitors",
    "audience_visitors",
    "audience_days",
    "audience_minutes",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
