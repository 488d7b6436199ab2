import type { Db } from "../database.js";

/**
 * Records a pending subscription. Idempotent: signing up twice keeps one row, and an address that
 * already confirmed or unsubscribed is left exactly as it is (the double opt-in flow decides).
 */
export async function recordPendingSubscription(
  db: Db,
  input: { email: string; newsletter: string; source: string; now: Date },
): Promise<void> {
  const at = input.now.toISOString();
  await db
    .insertInto("newsletter_subscriptions")
    .values({
      email: input.email,
      newsletter: input.newsletter,
      status: "pending",
      source: input.source,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(["newsletter", "email"]).doNothing())
    .execute();
}
