import { sql } from "kysely";
import type { Db } from "../database.js";
import { heldBySilentRunner } from "../platform/jobs/runner-liveness.js";

// The deliveries of one edition (key "morning-headlines/2026-11-29"), one row per recipient, and the
// lease that lets one sender at a time work through them (docs/adr/008).

export const BOUNCE_LIMIT = 3;

/** A delivery row for every confirmed, active, unpaused subscriber; repeating it adds only newcomers. */
export async function queueRecipients(db: Db, key: string, newsletterId: number, host: string, at: string) {
  await db
    .insertInto("deliveries")
    .columns(["edition", "subscriber_id", "status", "attempts", "message_id", "updated_at"])
    .expression((eb) =>
      eb
        .selectFrom("subscriptions as sub")
        .innerJoin("subscribers as s", "s.id", "sub.subscriber_id")
        .where("sub.newsletter_id", "=", newsletterId)
        .where("sub.status", "=", "confirmed")
        .where("s.status", "=", "active")
        .where("s.paused", "=", 0)
        .select([
          sql.lit(key).as("edition"),
          "s.id",
          sql.lit("queued").as("status"),
          sql.lit(0).as("attempts"),
          sql<string>`${`<${key.replace("/", ".")}.`} || s.id || ${`@${host}>`}`.as("message_id"),
          sql.lit(at).as("updated_at"),
        ]),
    )
    .onConflict((oc) => oc.columns(["edition", "subscriber_id"]).doNothing())
    .execute();
}

/** Queued deliveries due now, in subscriber order after `after`, with whether each may still receive it. */
export async function dueDeliveries(
  db: Db,
  input: { key: string; newsletterId: number; after: number; now: string; limit: number },
) {
  const rows = await db
    .selectFrom("deliveries as d")
    .innerJoin("subscribers as s", "s.id", "d.subscriber_id")
    .leftJoin("subscriptions as sub", (join) =>
      join.onRef("sub.subscriber_id", "=", "d.subscriber_id").on("sub.newsletter_id", "=", input.newsletterId),
    )
    .select(["d.subscriber_id", "d.message_id", "d.attempts", "s.email", "s.status", "s.paused", "sub.status as sub"])
    .where("d.edition", "=", input.key)
    .where("d.status", "=", "queued")
    .where("d.subscriber_id", ">", input.after)
    .where((eb) => eb.or([eb("d.retry_at", "is", null), eb("d.retry_at", "<=", input.now)]))
    .orderBy("d.subscriber_id")
    .limit(input.limit)
    .execute();
  // Someone who left, paused or started bouncing since the edition was queued (a resume can come hours
  // later) is not sent it.
  return rows.map((r) => ({
    subscriber_id: r.subscriber_id,
    message_id: r.message_id,
    attempts: r.attempts,
    email: r.email,
    eligible: r.status === "active" && Number(r.paused) === 0 && r.sub === "confirmed",
  }));
}

export async function markSent(db: Db, edition: string, subscriberIds: number[], now: Date) {
  await db
    .updateTable("deliveries")
    .set((eb) => ({
      status: "sent",
      attempts: eb("attempts", "+", 1),
      last_error: null,
      retry_at: null,
      updated_at: now.toISOString(),
    }))
    .where("edition", "=", edition)
    .where("subscriber_id", "in", subscriberIds)
    .execute();
}

export async function markSkipped(db: Db, edition: string, subscriberIds: number[], now: Date) {
  if (subscriberIds.length === 0) return;
  await db
    .updateTable("deliveries")
    .set({ status: "skipped", retry_at: null, updated_at: now.toISOString() })
    .where("edition", "=", edition)
    .where("subscriber_id", "in", subscriberIds)
    .where("status", "=", "queued")
    .execute();
}

export async function markFailed(db: Db, edition: string, subscriberId: number, error: string, now: Date) {
  await db
    .updateTable("deliveries")
    .set((eb) => ({
      status: "failed",
      attempts: eb("attempts", "+", 1),
      last_error: error,
      retry_at: null,
      updated_at: now.toISOString(),
    }))
    .where("edition", "=", edition)
    .where("subscriber_id", "=", subscriberId)
    .execute();
}

/** A temporary failure: the delivery stays queued and is tried again at `retryAt`. */
export async function markWaiting(
  db: Db,
  edition: string,
  subscriberId: number,
  error: string,
  retryAt: Date,
  now: Date,
) {
  await db
    .updateTable("deliveries")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      last_error: error,
      retry_at: retryAt.toISOString(),
      updated_at: now.toISOString(),
    }))
    .where("edition", "=", edition)
    .where("subscriber_id", "=", subscriberId)
    .execute();
}

/** A permanent failure counts as a bounce; after a few the address stops receiving anything. */
export async function recordBounce(db: Db, subscriberId: number, now: Date) {
  await db
    .updateTable("subscribers")
    .set((eb) => ({
      bounces: eb("bounces", "+", 1),
      status: sql`case when bounces + 1 >= ${BOUNCE_LIMIT} and status = 'active' then 'bouncing' else status end`,
      updated_at: now.toISOString(),
    }))
    .where("id", "=", subscriberId)
    .execute();
}

export interface DeliveryCounts {
  delivered: number;
  waiting: number;
  failed: number;
  /** The earliest time a waiting delivery is tried again (null: none waits for a later time). */
  nextRetryAt: string | null;
}

export const noDeliveries = (): DeliveryCounts => ({ delivered: 0, waiting: 0, failed: 0, nextRetryAt: null });

/** Delivered, waiting (queued: not yet sent, or to be tried again) and failed, per edition key. */
export async function countDeliveries(db: Db, keys: string[]): Promise<Map<string, DeliveryCounts>> {
  const out = new Map(keys.map((k) => [k, noDeliveries()]));
  if (keys.length === 0) return out;
  const rows = await db
    .selectFrom("deliveries")
    .select((eb) => ["edition", "status", eb.fn.countAll<number>().as("n"), eb.fn.min("retry_at").as("retry")])
    .where("edition", "in", keys)
    .groupBy(["edition", "status"])
    .execute();
  for (const r of rows) {
    const counts = out.get(r.edition)!;
    if (r.status === "sent") counts.delivered = Number(r.n);
    else if (r.status === "failed") counts.failed = Number(r.n);
    else if (r.status === "queued") {
      counts.waiting = Number(r.n);
      counts.nextRetryAt = r.retry ?? null;
    }
  }
  return out;
}

/**
 * Takes or renews the edition's send lease until `until`: free, lapsed, ours, or held by a job
 * runner other than ours that went silent before `silent.before` (a killed worker: its holder is
 * `<runner id>/…`, docs/adr/032). False when another sender holds it.
 */
export async function takeSendLease(
  db: Db,
  briefingId: number,
  holder: string,
  now: Date,
  until: Date,
  silent?: { before: string; runnerId: string | undefined },
) {
  const result = await db
    .updateTable("briefings")
    .set({ send_lease_by: holder, send_lease_until: until.toISOString() })
    .where("id", "=", briefingId)
    .where((eb) =>
      eb.or([
        eb("send_lease_until", "is", null),
        eb("send_lease_until", "<=", now.toISOString()),
        eb("send_lease_by", "=", holder),
        ...(silent ? [heldBySilentRunner(eb.ref("send_lease_by"), silent.before, silent.runnerId)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseSendLease(db: Db, briefingId: number, holder: string) {
  await db
    .updateTable("briefings")
    .set({ send_lease_by: null, send_lease_until: null })
    .where("id", "=", briefingId)
    .where("send_lease_by", "=", holder)
    .execute();
}

export async function sendLeaseUntil(db: Db, briefingId: number): Promise<string | null> {
  const row = await db
    .selectFrom("briefings")
    .select("send_lease_until")
    .where("id", "=", briefingId)
    .executeTakeFirst();
  return row?.send_lease_until ?? null;
}
