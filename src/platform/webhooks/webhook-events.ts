import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { enqueue } from "../jobs/job.queries.js";
import type { JobsDatabase } from "../jobs/job.table.js";
import type { WebhooksDatabase } from "./webhook.table.js";
import type { WebhookEventType } from "./webhook.schemas.js";

export const DELIVER_JOB = "webhooks.deliver";
/** Retries stop this long after an event: a receiver down for a day has missed it. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

type WebhooksDb = Kysely<WebhooksDatabase & JobsDatabase> | Transaction<WebhooksDatabase & JobsDatabase>;
/** Any database or transaction with the webhook tables (Kysely's types are invariant in DB). */
export const webhooksDb = <DB extends WebhooksDatabase & JobsDatabase>(db: Kysely<DB> | Transaction<DB>) =>
  db as unknown as WebhooksDb;

export interface EventInput {
  type: WebhookEventType;
  /** The ordering lane: deliveries of one lane leave in the order their events were recorded. */
  lane: string;
  data: Record<string, unknown>;
}

/**
 * Records an event and, for every enabled webhook that listens to it, a pending delivery and the
 * job that sends it. Call it with the transaction of the change that caused the event: the event
 * exists iff the change committed (docs/adr/033), and the durable jobs table carries it from there.
 */
export async function recordEvent<DB extends WebhooksDatabase & JobsDatabase>(
  database: Kysely<DB> | Transaction<DB>,
  event: EventInput,
  now: Date,
): Promise<void> {
  await recordEvents(database, [event], now);
}

/** Several events of one change (an import's confirmations), in order, reading the webhooks once. */
export async function recordEvents<DB extends WebhooksDatabase & JobsDatabase>(
  database: Kysely<DB> | Transaction<DB>,
  events: EventInput[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  const db = webhooksDb(database);
  const hooks = await db.selectFrom("webhooks").select(["id", "events"]).where("enabled", "=", 1).execute();
  const listens = hooks.map((h) => ({ id: h.id, events: new Set(JSON.parse(h.events) as string[]) }));
  for (const event of events) {
    const listening = listens.filter((h) => h.events.has(event.type));
    // No webhook listens: nothing to deliver, so nothing is kept.
    if (listening.length === 0) continue;
    const eventId = await insertEvent(db, event, now);
    for (const hook of listening) await addDelivery(db, hook.id, eventId, event.lane, now);
  }
}

async function insertEvent(db: WebhooksDb, event: EventInput, now: Date): Promise<number> {
  const row = await db
    .insertInto("webhook_events")
    .values({ type: event.type, lane: event.lane, data: JSON.stringify(event.data), at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A pending delivery of an event to a webhook, and its job (also "send again"). */
export async function addDelivery(
  db: WebhooksDb,
  webhookId: number,
  eventId: number,
  lane: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto("webhook_deliveries")
    .values({
      webhook_id: webhookId,
      event_id: eventId,
      lane,
      status: "pending",
      next_attempt_at: at,
      sending_until: null,
      last_attempt_at: null,
      response_status: null,
      duration_ms: null,
      last_error: null,
      created_at: at,
      give_up_at: new Date(now.getTime() + RETRY_WINDOW_MS).toISOString(),
      delivered_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueue(db, DELIVER_JOB, { deliveryId: row.id }, { runAt: now, now, maxAttempts: 10 });
  return row.id;
}

/** A test event for one webhook only ("Send a test"), in a lane of its own. */
export async function sendTestEvent(database: WebhooksDb, webhookId: number, now: Date): Promise<number> {
  const lane = `test:${randomBytes(6).toString("hex")}`;
  const eventId = await insertEvent(
    database,
    { type: "webhook.test", lane, data: { message: "A test from London Daily: this webhook works." } },
    now,
  );
  return addDelivery(database, webhookId, eventId, lane, now);
}
