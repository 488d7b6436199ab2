import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Who left a newsletter from which edition (issue 24): the unsubscribe link now names the edition it
// came in (docs/adr/029), so each edition can show how many readers it lost. One row per reader and
// edition: following the link twice counts once.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("edition_unsubscribes")
    .addColumn("briefing_id", "integer", (c) => c.notNull().references("briefings.id").onDelete("cascade"))
    .addColumn("subscriber_id", "integer", (c) => c.notNull())
    .addColumn("unsubscribed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("edition_unsubscribes_pk", ["briefing_id", "subscriber_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("edition_unsubscribes").ifExists().execute();
}
