import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Newsletters with double opt-in (issue 4): the newsletters, the people (one row per address, so
// unsubscribing from everything is one flag) and their subscriptions per newsletter; the
// per-recipient deliveries that make a send resumable without duplicates; and the site's
// signing key for confirmation and unsubscribe links, made here once so every instance shares it.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = (name: string) =>
    dialect === "postgres"
      ? db.schema.createTable(name).addColumn("id", "serial", (c) => c.primaryKey())
      : db.schema.createTable(name).addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("settings")
    .values({ key: "signing_key", value: randomBytes(32).toString("base64url") })
    .execute();

  await id("newsletters")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('daily', 'weekly', 'alert')`))
    .addColumn("send_cron", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'paused')`),
    )
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await id("subscribers")
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'unsubscribed', 'bouncing')`),
    )
    .addColumn("paused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bounces", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
    .addColumn("newsletter_id", "integer", (c) => c.notNull().references("newsletters.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'confirmed', 'unsubscribed')`),
    )
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("consent", "text", (c) => c.notNull().defaultTo("double-opt-in"))
    .addColumn("confirmed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("subscriptions_pk", ["subscriber_id", "newsletter_id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_newsletter_idx")
    .on("subscriptions")
    .columns(["newsletter_id", "status", "subscriber_id"])
    .execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("edition", "text", (c) => c.notNull())
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql`status in ('queued', 'sent', 'failed', 'skipped')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("deliveries_pk", ["edition", "subscriber_id"])
    .execute();
  await db.schema.createIndex("deliveries_status_idx").on("deliveries").columns(["edition", "status"]).execute();

  // An edition's sending: pending (composed, not sent), held (an editor stopped it), sending, sent.
  await db.schema
    .alterTable("briefings")
    .addColumn("send_status", "text", (c) => c.notNull().defaultTo("pending"))
    .execute();
  await db.schema.alterTable("briefings").addColumn("sent_at", "text").execute();

  // Sign-ups recorded before double opt-in existed move over as pending (never confirmed by us).
  const now = new Date().toISOString();
  await db
    .insertInto("newsletters")
    .values([
      {
        slug: "morning-headlines",
        name: "Morning Headlines",
        description: "The day's essential stories in one short email, every morning at 6am.",
        kind: "daily",
        send_cron: "0 6 * * *",
        position: 0,
        created_at: now,
      },
      {
        slug: "video",
        name: "Video newsletter",
        description: "The week's best video from our reporters, every Friday at noon.",
        kind: "weekly",
        send_cron: "0 12 * * 5",
        position: 1,
        created_at: now,
      },
      {
        slug: "breaking-news",
        name: "Breaking news",
        description: "An alert when a big story breaks. Rare, and only when it matters.",
        kind: "alert",
        send_cron: null,
        position: 2,
        created_at: now,
      },
    ])
    .execute();
  const old = await db.selectFrom("newsletter_subscriptions").select(["email", "source", "created_at"]).execute();
  for (const row of old as { email: string; source: string; created_at: string }[]) {
    const subscriber = await db
      .insertInto("subscribers")
      .values({ email: row.email, created_at: row.created_at, updated_at: now })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!subscriber) continue;
    await db
      .insertInto("subscriptions")
      .values({
        subscriber_id: subscriber.id,
        newsletter_id: sql`(select id from newsletters where slug = 'morning-headlines')`,
        status: "pending",
        source: row.source,
        created_at: row.created_at,
        updated_at: now,
      })
      .execute();
  }
  await db.schema.dropTable("newsletter_subscriptions").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("briefings").dropColumn("sent_at").execute();
  await db.schema.alterTable("briefings").dropColumn("send_status").execute();
  for (const table of ["deliveries", "subscriptions", "subscribers", "newsletters", "settings"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
