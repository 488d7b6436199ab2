import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Sign-in limits in the database (ADR 015): counters every process shares, moved by one atomic
// statement each, and the networks each account has signed in from, which guesses from elsewhere
// cannot lock out.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("login_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_counters_window_idx").on("login_counters").column("window_start").execute();

  await db.schema
    .createTable("login_networks")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_networks_pk", ["user_id", "network"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_networks").execute();
  await db.schema.dropTable("login_counters").execute();
}
