import type { Db } from "../database.js";

export interface PushSubscriptionRow {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Stores a subscription, or refreshes the keys of one already known by its endpoint. */
export async function saveSubscription(
  db: Db,
  sub: { endpoint: string; p256dh: string; auth: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto("push_subscriptions")
    .values({
      endpoint: sub.endpoint,
      p256dh: sub.p256dh,
      auth: sub.auth,
      created_at: now.toISOString(),
      last_sent_at: null,
    })
    .onConflict((oc) => oc.column("endpoint").doUpdateSet({ p256dh: sub.p256dh, auth: sub.auth }))
    .execute();
}

export async function deleteSubscription(db: Db, endpoint: string): Promise<boolean> {
  const res = await db.deleteFrom("push_subscriptions").where("endpoint", "=", endpoint).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The next batch of subscriptions not yet sent `key`, after id `afterId`. */
export async function listUnsent(db: Db, key: string, afterId: number, limit: number): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom("push_subscriptions as s")
    .select(["s.id", "s.endpoint", "s.p256dh", "s.auth"])
    .where("s.id", ">", afterId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("push_sent as p")
            .select("p.subscription_id")
            .where("p.push_key", "=", key)
            .whereRef("p.subscription_id", "=", "s.id"),
        ),
      ),
    )
    .orderBy("s.id")
    .limit(limit)
    .execute();
}

export async function markSent(db: Db, key: string, subscriptionId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto("push_sent")
    .values({ push_key: key, subscription_id: subscriptionId, sent_at: at })
    .onConflict((oc) => oc.columns(["push_key", "subscription_id"]).doNothing())
    .execute();
  await db.updateTable("push_subscriptions").set({ last_sent_at: at }).where("id", "=", subscriptionId).execute();
}

export async function removeSubscriptionById(db: Db, id: number): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

export async function countSubscriptions(db: Db): Promise<number> {
  const row = await db
    .selectFrom("push_subscriptions")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
