import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// The breaking-news banner and Web Push (docs/adr/035). `banners` keeps every banner raised (the
// newsroom's history); `banner_state` is one row: the banner on the site now and the change counter
// every raise and take-down moves, so a stream or a cached page knows whether it is behind.
// `push_subscriptions` holds readers' Push API subscriptions, `push_sent` which notification went to
// which subscription (a job run twice sends nothing twice), `push_keys` the site's VAPID key pair.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const serial = (name: string) =>
    dialect === "postgres"
      ? db.schema.createTable(name).addColumn("id", "serial", (c) => c.primaryKey())
      : db.schema.createTable(name).addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await serial("banners")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("live", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("article_id", "integer", (c) => c.references("articles.id").onDelete("set null"))
    .addColumn("raised_at", "text", (c) => c.notNull())
    .addColumn("raised_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expires_at", "text")
    .addColumn("lowered_at", "text")
    .addColumn("lowered_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createTable("banner_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("rev", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("banner_id", "integer", (c) => c.references("banners.id").onDelete("set null"))
    .execute();
  await db.insertInto("banner_state").values({ id: 1, rev: 0, banner_id: null }).execute();

  await serial("push_subscriptions")
    .addColumn("endpoint", "text", (c) => c.notNull().unique())
    .addColumn("p256dh", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_sent_at", "text")
    .execute();
  await db.schema
    .createTable("push_sent")
    .addColumn("push_key", "text", (c) => c.notNull())
    .addColumn("subscription_id", "integer", (c) => c.notNull().references("push_subscriptions.id").onDelete("cascade"))
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("push_sent_pk", ["push_key", "subscription_id"])
    .execute();
  await db.schema
    .createTable("push_keys")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
