import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Webhooks (docs/adr/033): where to POST which events, the events themselves (recorded in the
// transaction of the change that caused them), one delivery per webhook and event with its last
// attempt, and the hosts an admin allowed although they resolve to a private address.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .$call((t) =>
        dialect === "postgres"
          ? t.addColumn("id", "serial", (c) => c.primaryKey())
          : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
      );

  await id("webhooks")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    // JSON array of event types
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id("webhook_events")
    .addColumn("type", "text", (c) => c.notNull())
    // deliveries of one lane (an article, a subscriber) go out in the order of their events
    .addColumn("lane", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();

  await id("webhook_deliveries")
    .addColumn("webhook_id", "integer", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("event_id", "integer", (c) => c.notNull().references("webhook_events.id").onDelete("cascade"))
    .addColumn("lane", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'sending', 'delivered', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    // while an attempt holds the delivery (one attempt at a time, across processes)
    .addColumn("sending_until", "text")
    .addColumn("last_attempt_at", "text")
    .addColumn("response_status", "integer")
    .addColumn("duration_ms", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    // retries stop this long after the first attempt was due (24 h)
    .addColumn("give_up_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_lane_idx")
    .on("webhook_deliveries")
    .columns(["webhook_id", "lane", "id"])
    .execute();
  await db.schema.createIndex("webhook_deliveries_status_idx").on("webhook_deliveries").column("status").execute();

  await db.schema
    .createTable("webhook_allowed_hosts")
    .addColumn("host", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}
