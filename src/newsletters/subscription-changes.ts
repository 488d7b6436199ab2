import type { Db } from "../database.js";
import { type SubscriberEventVia, recordSubscriberEvents } from "./subscriber-events.js";

// The changes that confirm or end a subscription, whoever makes them: the reader's confirmation link,
// preferences page, unsubscribe link (and RFC 8058 one-click) and mail, a complaint, the newsroom and
// the Admin API. Each records its webhook events, so run it in the transaction of the change.

/**
 * Confirms pending subscriptions (idempotent); the address is proven, so the person is active again.
 * Records `subscriber.confirmed` for each subscription it confirmed (run it in a transaction).
 */
export async function confirmSubscriptions(
  db: Db,
  input: { subscriberId: number; newsletterIds: number[]; now: Date; via: SubscriberEventVia },
): Promise<number> {
  const at = input.now.toISOString();
  const confirmed = await db
    .updateTable("subscriptions")
    .set({ status: "confirmed", confirmed_at: at, updated_at: at })
    .where("subscriber_id", "=", input.subscriberId)
    .where("newsletter_id", "in", input.newsletterIds.length ? input.newsletterIds : [-1])
    .where("status", "=", "pending")
    .returning("newsletter_id")
    .execute();
  if (confirmed.length > 0) {
    await db
      .updateTable("subscribers")
      .set({ status: "active", bounces: 0, updated_at: at })
      .where("id", "=", input.subscriberId)
      .execute();
    await recordSubscriberEvents(
      db,
      [
        {
          type: "subscriber.confirmed",
          subscriberId: input.subscriberId,
          newsletters: confirmed.map((r) => r.newsletter_id),
          via: input.via,
        },
      ],
      input.now,
    );
  }
  return confirmed.length;
}

/**
 * Saves the preferences page. It is reached only through a signed link sent to the address, so a
 * newsletter ticked there is confirmed at once. Records the subscriber events of what changed.
 */
export async function savePreferences(
  db: Db,
  input: { subscriberId: number; newsletterIds: number[]; paused: boolean; now: Date },
): Promise<void> {
  const at = input.now.toISOString();
  const all = await db.selectFrom("newsletters").select("id").execute();
  const wanted = new Set(input.newsletterIds);
  const confirmed: number[] = [];
  const left: number[] = [];
  for (const { id } of all) {
    if (wanted.has(id)) {
      const changed = await db
        .insertInto("subscriptions")
        .values({
          subscriber_id: input.subscriberId,
          newsletter_id: id,
          status: "confirmed",
          source: "preferences",
          confirmed_at: at,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(["subscriber_id", "newsletter_id"])
            .doUpdateSet({ status: "confirmed", confirmed_at: at, updated_at: at })
            .where("subscriptions.status", "<>", "confirmed"),
        )
        .returning("newsletter_id")
        .executeTakeFirst();
      if (changed) confirmed.push(id);
    } else {
      const changed = await db
        .updateTable("subscriptions")
        .set({ status: "unsubscribed", updated_at: at })
        .where("subscriber_id", "=", input.subscriberId)
        .where("newsletter_id", "=", id)
        .where("status", "<>", "unsubscribed")
        .returning("newsletter_id")
        .executeTakeFirst();
      if (changed) left.push(id);
    }
  }
  await db
    .updateTable("subscribers")
    .set({
      paused: input.paused ? 1 : 0,
      ...(wanted.size ? { status: "active" as const } : {}),
      updated_at: at,
    })
    .where("id", "=", input.subscriberId)
    .execute();
  const { subscriberId, now } = input;
  const via = "preferences";
  await recordSubscriberEvents(
    db,
    [
      { type: "subscriber.confirmed", subscriberId, newsletters: confirmed, via },
      { type: "subscriber.unsubscribed", subscriberId, newsletters: left, via },
    ],
    now,
  );
}

/**
 * Leaves one newsletter, or everything (and then no import or bounce reset ever adds the address back).
 * Records `subscriber.unsubscribed` when something changed (per newsletter, or once with `newsletter:
 * null` for everything), and says whether it did; a repeat changes nothing and tells no one.
 */
export async function unsubscribe(
  db: Db,
  input: { subscriberId: number; newsletterId: number | "all"; now: Date; via: SubscriberEventVia },
): Promise<boolean> {
  const at = input.now.toISOString();
  let query = db
    .updateTable("subscriptions")
    .set({ status: "unsubscribed", updated_at: at })
    .where("subscriber_id", "=", input.subscriberId)
    .where("status", "<>", "unsubscribed");
  if (input.newsletterId !== "all") query = query.where("newsletter_id", "=", input.newsletterId);
  const left = await query.returning("newsletter_id").execute();
  let everything = false;
  if (input.newsletterId === "all") {
    const person = await db
      .updateTable("subscribers")
      .set({ status: "unsubscribed", updated_at: at })
      .where("id", "=", input.subscriberId)
      .where("status", "<>", "unsubscribed")
      .returning("id")
      .executeTakeFirst();
    everything = person !== undefined || left.length > 0;
  }
  if (input.newsletterId !== "all" && left.length === 0) return false;
  if (input.newsletterId === "all" && !everything) return false;
  await recordSubscriberEvents(
    db,
    [
      {
        type: "subscriber.unsubscribed",
        subscriberId: input.subscriberId,
        newsletters: input.newsletterId === "all" ? "all" : [input.newsletterId],
        via: input.via,
      },
    ],
    input.now,
  );
  return true;
}
