import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// What happens to a newsletter after the SMTP server accepted it (docs/adr/018): bounces that come back
// later (DSN, RFC 3464) and complaints (ARF, RFC 5965), one row per delivery and kind, found by the
// Message-ID each delivery carries.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("delivery_reports")
    .addColumn("edition", "text", (c) => c.notNull())
    .addColumn("subscriber_id", "integer", (c) => c.notNull())
    // hard-bounce | soft-bounce | complaint
    .addColumn("kind", "text", (c) => c.notNull())
    // RFC 3463 status (5.1.1) of a bounce, the Feedback-Type of a complaint
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("received_at", "text", (c) => c.notNull())
    // one report of each kind per delivery: a DSN or ARF report sent twice counts once
    .addPrimaryKeyConstraint("delivery_reports_pk", ["edition", "subscriber_id", "kind"])
    .execute();
  await db.schema
    .createIndex("delivery_reports_subscriber_idx")
    .on("delivery_reports")
    .column("subscriber_id")
    .execute();
  // Where a newsletter's replies go ("Reply-To"), when not to its From address.
  await db.schema.alterTable("newsletters").addColumn("reply_to", "text").execute();
  await db.schema.createIndex("deliveries_message_id_idx").on("deliveries").column("message_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("deliveries_message_id_idx").execute();
  await db.schema.alterTable("newsletters").dropColumn("reply_to").execute();
  await db.schema.dropTable("delivery_reports").execute();
}
