import type { Kysely } from "kysely";
import { enqueue } from "../jobs/job.queries.js";
import type { JobsDatabase } from "../jobs/job.table.js";
import { postJson } from "./post.js";
import { SIGNATURE_HEADER, signPayload } from "./signature.js";
import { DELIVER_JOB, webhooksDb } from "./webhook-events.js";
import type { WebhooksDatabase } from "./webhook.table.js";

// One attempt at one delivery (the `webhooks.deliver` job). Safe to run twice: the attempt claims
// the delivery first. Order per lane: while an earlier delivery of the same webhook and lane is
// unsettled this one waits, and the earlier one, once delivered or given up, starts the next.

export interface DeliverOptions {
  now: () => Date;
  /** Whole exchange (default 10 s). */
  timeoutMs?: number;
  /** Of the receiver's answer (default 64 KiB). */
  maxResponseBytes?: number;
  /** Back-off base (default 30 s): 30 s, 1 min, 2 min… capped at 6 h, until 24 h after the event. */
  backoffMs?: number;
  userAgent?: string;
}

type Db = Kysely<WebhooksDatabase & JobsDatabase>;

export const retryDelayMs = (attempts: number, baseMs: number) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);

export async function deliverOnce<DB extends WebhooksDatabase & JobsDatabase>(
  database: Kysely<DB>,
  deliveryId: number,
  options: DeliverOptions,
): Promise<"delivered" | "retry" | "failed" | "waiting" | "skipped"> {
  const db = webhooksDb(database) as Db;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now();
  const d = await db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhooks as w", "w.id", "d.webhook_id")
    .innerJoin("webhook_events as e", "e.id", "d.event_id")
    .select([
      "d.id",
      "d.status",
      "d.lane",
      "d.webhook_id",
      "d.attempts",
      "d.next_attempt_at",
      "d.sending_until",
      "d.give_up_at",
      "w.url",
      "w.secret",
      "w.enabled",
      "e.type",
      "e.data",
      "e.at",
      "e.id as eventId",
    ])
    .where("d.id", "=", deliveryId)
    .executeTakeFirst();
  if (!d || d.status === "delivered" || d.status === "failed") return "skipped";
  if (d.next_attempt_at && Date.parse(d.next_attempt_at) > now.getTime()) return "skipped";
  const earlier = await db
    .selectFrom("webhook_deliveries")
    .select("id")
    .where("webhook_id", "=", d.webhook_id)
    .where("lane", "=", d.lane)
    .where("id", "<", d.id)
    .where("status", "in", ["pending", "sending"])
    .executeTakeFirst();
  if (earlier) return "waiting";
  const claimed = await db
    .updateTable("webhook_deliveries")
    .set({ status: "sending", sending_until: new Date(now.getTime() + timeoutMs + 30_000).toISOString() })
    .where("id", "=", d.id)
    .where((eb) =>
      eb.or([
        eb("status", "=", "pending"),
        eb.and([eb("status", "=", "sending"), eb("sending_until", "<", now.toISOString())]),
      ]),
    )
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return "skipped";

  const allowedHosts = new Set(
    (await db.selectFrom("webhook_allowed_hosts").select("host").execute()).map((h) => h.host),
  );
  const body = JSON.stringify({ id: `evt_${d.eventId}`, type: d.type, createdAt: d.at, data: JSON.parse(d.data) });
  const result = d.enabled
    ? await postJson(
        d.url,
        body,
        {
          "content-type": "application/json",
          "user-agent": options.userAgent ?? "London-Daily-Webhooks/1",
          "london-daily-event": d.type,
          "london-daily-delivery": String(d.id),
          [SIGNATURE_HEADER]: signPayload(d.secret, Math.floor(options.now().getTime() / 1000), body),
        },
        { timeoutMs, maxResponseBytes: options.maxResponseBytes ?? 64 * 1024, allowedHosts },
      )
    : ({ ok: false, status: null, durationMs: 0, error: "The webhook is disabled" } as const);

  const after = options.now();
  const attempts = d.attempts + 1;
  const common = {
    attempts,
    sending_until: null,
    last_attempt_at: after.toISOString(),
    response_status: result.status,
    duration_ms: result.durationMs,
  };
  if (result.ok) {
    await db
      .updateTable("webhook_deliveries")
      .set({
        ...common,
        status: "delivered",
        last_error: null,
        next_attempt_at: null,
        delivered_at: after.toISOString(),
      })
      .where("id", "=", d.id)
      .execute();
    await startNext(db, d.webhook_id, d.lane, d.id, after);
    return "delivered";
  }
  const next = new Date(after.getTime() + retryDelayMs(attempts, options.backoffMs ?? 30_000));
  if (!d.enabled || next.getTime() > Date.parse(d.give_up_at)) {
    await db
      .updateTable("webhook_deliveries")
      .set({ ...common, status: "failed", last_error: result.error, next_attempt_at: null })
      .where("id", "=", d.id)
      .execute();
    await startNext(db, d.webhook_id, d.lane, d.id, after);
    return "failed";
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("webhook_deliveries")
      .set({ ...common, status: "pending", last_error: result.error, next_attempt_at: next.toISOString() })
      .where("id", "=", d.id)
      .execute();
    await enqueue(trx, DELIVER_JOB, { deliveryId: d.id }, { runAt: next, now: after, maxAttempts: 10 });
  });
  return "retry";
}

/** The lane's next delivery waited for this one: its turn now. */
async function startNext(db: Db, webhookId: number, lane: string, afterId: number, now: Date) {
  const next = await db
    .selectFrom("webhook_deliveries")
    .select(["id", "next_attempt_at"])
    .where("webhook_id", "=", webhookId)
    .where("lane", "=", lane)
    .where("id", ">", afterId)
    .where("status", "=", "pending")
    .orderBy("id")
    .executeTakeFirst();
  if (!next) return;
  const due = next.next_attempt_at ? new Date(Math.max(now.getTime(), Date.parse(next.next_attempt_at))) : now;
  await enqueue(db, DELIVER_JOB, { deliveryId: next.id }, { runAt: due, now, maxAttempts: 10 });
}
