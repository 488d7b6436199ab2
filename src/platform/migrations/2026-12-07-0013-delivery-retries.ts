import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Newsletter delivery that survives a mail server's outage and a killed sender (docs/adr/008,
// amended): each waiting delivery carries when it is tried next, and an edition being sent carries a
// lease, so two senders (the schedule, a resume, the command line) never send one edition at once.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  // Null: due now. Set after a temporary failure, to the time of the next try (back-off per delivery).
  await db.schema.alterTable("deliveries").addColumn("retry_at", "text").execute();
  await db.schema.alterTable("briefings").addColumn("send_lease_by", "text").execute();
  await db.schema.alterTable("briefings").addColumn("send_lease_until", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("briefings").dropColumn("send_lease_until").execute();
  await db.schema.alterTable("briefings").dropColumn("send_lease_by").execute();
  await db.schema.alterTable("deliveries").dropColumn("retry_at").execute();
}
