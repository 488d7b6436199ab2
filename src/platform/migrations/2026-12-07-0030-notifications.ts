import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Newsroom notifications (issue 18, docs/adr/026): one row per workflow event and person told,
// unique, so a job run twice emails once; and each person's choices, one row per kind they
// turned off or on (no row: on).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const table = db.schema.createTable("notifications");
  await (
    dialect === "postgres"
      ? table.addColumn("id", "serial", (c) => c.primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("event_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull())
    // submitted | returned | approved | scheduled | published
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // set once the SMTP server accepted the email; null while waiting, or when email is off
    .addColumn("emailed_at", "text")
    .addColumn("email", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("notifications_event_user_uq", ["event_id", "user_id"])
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").column("user_id").execute();
  await db.schema
    .createTable("notification_settings")
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_settings_pk", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notification_settings").execute();
  await db.schema.dropTable("notifications").execute();
}
