import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { checkWebhookHost } from "../platform/webhooks/address-guard.js";
import { addDelivery, sendTestEvent, webhooksDb } from "../platform/webhooks/webhook-events.js";
import { allowedHostInput, webhookInput, webhookPatch } from "../platform/webhooks/webhook.schemas.js";

// Webhooks, for admins in the newsroom and for integrations with "webhooks:manage" (docs/adr/033):
// register, change, remove, read the delivery log, send a test, send a delivery again; and the
// hosts allowed although they resolve to private addresses (newsroom only: "webhook.manage" too).

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const deliveryParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  deliveryId: z.coerce.number().int().positive(),
});
const logQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

async function allowedHosts(db: Db) {
  return new Set((await db.selectFrom("webhook_allowed_hosts").select("host").execute()).map((h) => h.host));
}

async function findWebhook(db: Db, id: number) {
  const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such webhook");
  return row;
}

const toJson = (row: Awaited<ReturnType<typeof findWebhook>>) => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

async function refuseHost(db: Db, url: string) {
  const problem = await checkWebhookHost(url, await allowedHosts(db));
  if (problem)
    throw new AppError("VALIDATION_FAILED", `url: ${problem}`, {
      details: [{ path: "url", message: `${problem}: an admin must allow this host first` }],
    });
}

export const registerWebhookRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const guard = { preHandler: requirePermission(deps, "webhook.manage") };
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.get("/webhooks", guard, async () => ({
    items: (await db.selectFrom("webhooks").selectAll().orderBy("name").execute()).map(toJson),
  }));

  api.post("/webhooks", guard, async (req, reply) => {
    const body = parseInput(webhookInput, req.body);
    await refuseHost(db, body.url);
    const secret = body.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
    const now = deps.now();
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("webhooks")
        .values({
          name: body.name,
          url: body.url,
          events: JSON.stringify(body.events),
          secret,
          enabled: body.enabled === false ? 0 : 1,
          created_at: now.toISOString(),
          created_by: currentUser(req).id,
          updated_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, now, {
        ...who(req),
        action: "webhook.create",
        subjectType: "webhook",
        subjectId: created.id,
        detail: { name: body.name, url: body.url, events: body.events },
      });
      return created;
    });
    // The secret is answered once, here; the log and lists never show it again.
    return reply.status(201).send({ ...toJson(row), secret });
  });

  api.patch("/webhooks/:id", guard, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const body = parseInput(webhookPatch, req.body);
    await findWebhook(db, id);
    if (body.url) await refuseHost(db, body.url);
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("webhooks")
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.events !== undefined ? { events: JSON.stringify(body.events) } : {}),
          ...(body.secret !== undefined ? { secret: body.secret } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
          updated_at: now.toISOString(),
        })
        .where("id", "=", id)
        .execute();
      const { secret: _secret, ...changed } = body;
      await recordAudit(trx, now, {
        ...who(req),
        action: "webhook.update",
        subjectType: "webhook",
        subjectId: id,
        detail: changed,
      });
    });
    return toJson(await findWebhook(db, id));
  });

  api.delete("/webhooks/:id", guard, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    const row = await findWebhook(db, id);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("webhook_deliveries").where("webhook_id", "=", id).execute();
      await trx.deleteFrom("webhooks").where("id", "=", id).execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "webhook.delete",
        subjectType: "webhook",
        subjectId: id,
        detail: { name: row.name, url: row.url },
      });
    });
    return reply.status(204).send();
  });

  api.get("/webhooks/:id/deliveries", guard, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const { limit } = parseInput(logQuery, req.query, "query");
    await findWebhook(db, id);
    const rows = await db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_events as e", "e.id", "d.event_id")
      .select([
        "d.id",
        "e.type",
        "e.id as eventId",
        "d.status",
        "d.attempts",
        "d.response_status",
        "d.duration_ms",
        "d.last_error",
        "d.next_attempt_at",
        "d.last_attempt_at",
        "d.created_at",
        "d.delivered_at",
      ])
      .where("d.webhook_id", "=", id)
      .orderBy("d.id", "desc")
      .limit(limit)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        event: r.type,
        eventId: r.eventId,
        status: r.status,
        attempts: r.attempts,
        responseStatus: r.response_status,
        durationMs: r.duration_ms,
        error: r.last_error,
        nextAttemptAt: r.status === "pending" ? r.next_attempt_at : null,
        lastAttemptAt: r.last_attempt_at,
        createdAt: r.created_at,
        deliveredAt: r.delivered_at,
      })),
    };
  });

  api.post("/webhooks/:id/test", guard, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    await findWebhook(db, id);
    const deliveryId = await db.transaction().execute((trx) => sendTestEvent(webhooksDb(trx), id, deps.now()));
    return reply.status(202).send({ deliveryId });
  });

  api.post("/webhooks/:id/deliveries/:deliveryId/redeliver", guard, async (req, reply) => {
    const { id, deliveryId } = parseInput(deliveryParams, req.params, "params");
    const old = await db
      .selectFrom("webhook_deliveries")
      .select(["event_id", "lane"])
      .where("id", "=", deliveryId)
      .where("webhook_id", "=", id)
      .executeTakeFirst();
    if (!old) throw new AppError("NOT_FOUND", "No such delivery of this webhook");
    const now = deps.now();
    // A new delivery of the same event: the log keeps the old one as it was.
    const created = await db.transaction().execute(async (trx) => {
      const newId = await addDelivery(webhooksDb(trx), id, old.event_id, old.lane, now);
      await recordAudit(trx, now, {
        ...who(req),
        action: "webhook.redeliver",
        subjectType: "webhook",
        subjectId: id,
        detail: { deliveryId, newDeliveryId: newId },
      });
      return newId;
    });
    return reply.status(202).send({ deliveryId: created });
  });

  api.get("/webhooks/allowed-hosts", guard, async () => ({
    items: await db
      .selectFrom("webhook_allowed_hosts")
      .select(["host", "created_at as createdAt"])
      .orderBy("host")
      .execute(),
  }));

  api.post("/webhooks/allowed-hosts", guard, async (req, reply) => {
    const { host } = parseInput(allowedHostInput, req.body);
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("webhook_allowed_hosts")
        .values({ host, created_at: now.toISOString(), created_by: currentUser(req).id })
        .onConflict((oc) => oc.column("host").doNothing())
        .execute();
      await recordAudit(trx, now, {
        ...who(req),
        action: "webhook.allow-host",
        subjectType: "webhook-host",
        subjectId: host,
      });
    });
    return reply.status(201).send({ host });
  });

  api.delete("/webhooks/allowed-hosts/:host", guard, async (req, reply) => {
    const { host } = parseInput(allowedHostInput, req.params, "params");
    await db.deleteFrom("webhook_allowed_hosts").where("host", "=", host).execute();
    await recordAudit(db, deps.now(), {
      ...who(req),
      action: "webhook.disallow-host",
      subjectType: "webhook-host",
      subjectId: host,
    });
    return reply.status(204).send();
  });
};
