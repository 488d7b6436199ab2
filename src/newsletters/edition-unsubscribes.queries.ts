import type { Db } from "../database.js";

// Readers lost by each edition (docs/adr/029): recorded when an unsubscribe link that names its
// edition ends a subscription that was live. Following the link again, or leaving a newsletter one
// had already left, counts nothing more.

export async function isSubscribed(db: Db, subscriberId: number, newsletterId: number): Promise<boolean> {
  const row = await db
    .selectFrom("subscriptions")
    .select("status")
    .where("subscriber_id", "=", subscriberId)
    .where("newsletter_id", "=", newsletterId)
    .executeTakeFirst();
  return row !== undefined && row.status !== "unsubscribed";
}

export async function recordEditionUnsubscribe(db: Db, briefingId: number, subscriberId: number, now: Date) {
  const edition = await db.selectFrom("briefings").select("id").where("id", "=", briefingId).executeTakeFirst();
  // An edition deleted since the email went out: the reader still leaves, nothing is counted.
  if (!edition) return;
  await db
    .insertInto("edition_unsubscribes")
    .values({ briefing_id: briefingId, subscriber_id: subscriberId, unsubscribed_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["briefing_id", "subscriber_id"]).doNothing())
    .execute();
}

export async function countEditionUnsubscribes(db: Db, briefingId: number): Promise<number> {
  const row = await db
    .selectFrom("edition_unsubscribes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("briefing_id", "=", briefingId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
