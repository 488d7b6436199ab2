import type { Db } from "../database.js";
import type { Selectable } from "kysely";
import type { NewsletterKind, NewsletterTable } from "./subscription.table.js";

/** The settings row migration 2026-12-07-0014 wrote: until when links without an expiry still work. */
const LEGACY_PREFERENCES_KEY = "preferences_legacy_links_until";

export interface Newsletter {
  id: number;
  slug: string;
  name: string;
  description: string;
  kind: NewsletterKind;
  sendCron: string | null;
  status: "active" | "paused";
}

export const toNewsletter = (r: Selectable<NewsletterTable>): Newsletter => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  kind: r.kind,
  sendCron: r.send_cron,
  status: r.status,
});

export async function listNewsletters(db: Db): Promise<Newsletter[]> {
  const rows = await db.selectFrom("newsletters").selectAll().orderBy("position").orderBy("id").execute();
  return rows.map(toNewsletter);
}

/** What a sign-up changed, so that it can be taken back when its confirmation email cannot be sent. */
export interface SubscriptionRequest {
  subscriberId: number;
  /** Newsletters that await confirmation (the confirmation email names these). */
  pending: number[];
  /** The address was new. */
  newSubscriber: boolean;
  /** Subscriptions this sign-up added. */
  created: number[];
  /** Subscriptions the reader had left, made pending again by this sign-up. */
  reopened: number[];
}

/**
 * A sign-up: the address and a pending subscription to each newsletter, nothing sent or confirmed
 * yet. Idempotent; a confirmed subscription stays confirmed; one the reader left becomes pending
 * again (their new consent still needs confirming). Returns what awaits confirmation.
 */
export async function requestSubscription(
  db: Db,
  input: { email: string; newsletterIds: number[]; source: string; now: Date },
): Promise<SubscriptionRequest> {
  const at = input.now.toISOString();
  const inserted = await db
    .insertInto("subscribers")
    .values({ email: input.email, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column("email").doNothing())
    .returning("id")
    .executeTakeFirst();
  const subscriber = await db
    .selectFrom("subscribers")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirstOrThrow();
  const ids = input.newsletterIds.length ? input.newsletterIds : [-1];
  const before = new Map(
    (
      await db
        .selectFrom("subscriptions")
        .select(["newsletter_id", "status"])
        .where("subscriber_id", "=", subscriber.id)
        .where("newsletter_id", "in", ids)
        .execute()
    ).map((r) => [r.newsletter_id, r.status]),
  );
  for (const newsletterId of input.newsletterIds) {
    await db
      .insertInto("subscriptions")
      .values({
        subscriber_id: subscriber.id,
        newsletter_id: newsletterId,
        status: "pending",
        source: input.source,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(["subscriber_id", "newsletter_id"])
          .doUpdateSet({ status: "pending", source: input.source, updated_at: at })
          .where("subscriptions.status", "=", "unsubscribed"),
      )
      .execute();
  }
  const pending = await db
    .selectFrom("subscriptions")
    .select("newsletter_id")
    .where("subscriber_id", "=", subscriber.id)
    .where("newsletter_id", "in", ids)
    .where("status", "=", "pending")
    .execute();
  return {
    subscriberId: subscriber.id,
    pending: pending.map((p) => p.newsletter_id),
    newSubscriber: inserted !== undefined,
    created: input.newsletterIds.filter((id) => !before.has(id)),
    reopened: input.newsletterIds.filter((id) => before.get(id) === "unsubscribed"),
  };
}

/**
 * Takes back what `requestSubscription` changed, when the confirmation email could not be sent: the
 * reader was told nothing was signed up, so nothing is (subscriptions pending from an earlier sign-up,
 * whose email did go out, stay as they were).
 */
export async function withdrawSubscriptionRequest(db: Db, request: SubscriptionRequest, now: Date): Promise<void> {
  const at = now.toISOString();
  if (request.created.length) {
    await db
      .deleteFrom("subscriptions")
      .where("subscriber_id", "=", request.subscriberId)
      .where("newsletter_id", "in", request.created)
      .where("status", "=", "pending")
      .execute();
  }
  if (request.reopened.length) {
    await db
      .updateTable("subscriptions")
      .set({ status: "unsubscribed", updated_at: at })
      .where("subscriber_id", "=", request.subscriberId)
      .where("newsletter_id", "in", request.reopened)
      .where("status", "=", "pending")
      .execute();
  }
  if (request.newSubscriber) {
    const left = await db
      .selectFrom("subscriptions")
      .select("newsletter_id")
      .where("subscriber_id", "=", request.subscriberId)
      .limit(1)
      .executeTakeFirst();
    if (!left) await db.deleteFrom("subscribers").where("id", "=", request.subscriberId).execute();
  }
}

export interface Preferences {
  subscriberId: number;
  email: string;
  status: "active" | "unsubscribed" | "bouncing";
  paused: boolean;
  /** Newsletter id → subscription status. */
  subscriptions: Map<number, "pending" | "confirmed" | "unsubscribed">;
}

export async function loadPreferences(db: Db, subscriberId: number): Promise<Preferences | undefined> {
  const subscriber = await db.selectFrom("subscribers").selectAll().where("id", "=", subscriberId).executeTakeFirst();
  if (!subscriber) return undefined;
  const subs = await db
    .selectFrom("subscriptions")
    .select(["newsletter_id", "status"])
    .where("subscriber_id", "=", subscriberId)
    .execute();
  return {
    subscriberId,
    email: subscriber.email,
    status: subscriber.status,
    paused: subscriber.paused === 1,
    subscriptions: new Map(subs.map((s) => [s.newsletter_id, s.status])),
  };
}

/** Until when preferences links of the old, unexpiring form still work (set by the migration that made them expire). */
export async function loadLegacyPreferencesUntil(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", LEGACY_PREFERENCES_KEY)
    .executeTakeFirst();
  const until = row ? new Date(row.value) : undefined;
  return until && !Number.isNaN(until.getTime()) ? until : undefined;
}
