import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { type SubscriberEventVia, recordSubscriberEvents } from "./subscriber-events.js";
import { unsubscribe } from "./subscription-changes.js";

// Subscribers one at a time, for the newsroom and the Admin API (docs/adr/033): add (pending: no
// mail is sent), confirm with the consent the caller recorded, unsubscribe from one newsletter or
// all. Each change is audited and its webhook event recorded in the same transaction.

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const addSubscriberBody = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.trim().toLowerCase()),
  newsletter: z.string().min(1).max(60),
});
export const confirmSubscriberBody = z.strictObject({
  newsletter: z.string().min(1).max(60),
  /** How and when the person consented, as the caller recorded it ("checkbox at events.example, 2026-05-01"). */
  consent: z.string().trim().min(3, "Say how the person consented").max(500),
});
export const unsubscribeBody = z.strictObject({
  /** One newsletter; without it, every newsletter, for good. */
  newsletter: z.string().min(1).max(60).optional(),
});

async function newsletterId(db: Db, slug: string): Promise<number> {
  const row = await db.selectFrom("newsletters").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!row)
    throw new AppError("VALIDATION_FAILED", `newsletter: no newsletter "${slug}"`, {
      details: [{ path: "newsletter", message: "Unknown" }],
    });
  return row.id;
}

async function describe(db: Db, id: number) {
  const person = await db
    .selectFrom("subscribers")
    .select(["id", "email", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!person) throw new AppError("NOT_FOUND", "No such subscriber");
  const subscriptions = await db
    .selectFrom("subscriptions as s")
    .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
    .select(["n.slug", "s.status", "s.consent", "s.confirmed_at"])
    .where("s.subscriber_id", "=", id)
    .orderBy("n.slug")
    .execute();
  return {
    ...person,
    subscriptions: subscriptions.map((s) => ({
      newsletter: s.slug,
      status: s.status,
      consent: s.consent,
      confirmedAt: s.confirmed_at,
    })),
  };
}

export function registerSubscriberChanges(api: FastifyInstance, deps: NewsroomDeps): void {
  const { db } = deps;
  const guard = { preHandler: requirePermission(deps, "newsletter.manage") };
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });
  const via = (req: FastifyRequest): SubscriberEventVia => (currentUser(req).integrationId ? "admin-api" : "newsroom");

  api.post("/subscribers", guard, async (req, reply) => {
    const body = parseInput(addSubscriberBody, req.body);
    const nid = await newsletterId(db, body.newsletter);
    const at = deps.now().toISOString();
    const id = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("subscribers")
        .values({ email: body.email, created_at: at, updated_at: at })
        .onConflict((oc) => oc.column("email").doNothing())
        .execute();
      const person = await trx
        .selectFrom("subscribers")
        .select(["id", "status"])
        .where("email", "=", body.email)
        .executeTakeFirstOrThrow();
      if (person.status === "unsubscribed")
        throw new AppError("CONFLICT", "This address unsubscribed from everything: it is never added again");
      const existing = await trx
        .selectFrom("subscriptions")
        .select("status")
        .where("subscriber_id", "=", person.id)
        .where("newsletter_id", "=", nid)
        .executeTakeFirst();
      if (existing?.status === "unsubscribed")
        throw new AppError("CONFLICT", "This address unsubscribed from this newsletter: it is not added again");
      if (!existing)
        await trx
          .insertInto("subscriptions")
          .values({ subscriber_id: person.id, newsletter_id: nid, source: "api", created_at: at, updated_at: at })
          .execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "subscriber.add",
        subjectType: "subscriber",
        subjectId: person.id,
        detail: { newsletter: body.newsletter },
      });
      return person.id;
    });
    return reply.status(201).send(await describe(db, id));
  });

  api.post("/subscribers/:id/confirm", guard, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const body = parseInput(confirmSubscriberBody, req.body);
    const nid = await newsletterId(db, body.newsletter);
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom("subscriptions")
        .select("status")
        .where("subscriber_id", "=", id)
        .where("newsletter_id", "=", nid)
        .executeTakeFirst();
      if (!current) throw new AppError("NOT_FOUND", "This person is not subscribed to that newsletter");
      if (current.status === "unsubscribed")
        throw new AppError("CONFLICT", "This person unsubscribed: only they can subscribe again");
      if (current.status === "confirmed") return;
      await trx
        .updateTable("subscriptions")
        .set({ status: "confirmed", consent: `recorded: ${body.consent}`, confirmed_at: now.toISOString() })
        .where("subscriber_id", "=", id)
        .where("newsletter_id", "=", nid)
        .execute();
      await recordAudit(trx, now, {
        ...who(req),
        action: "subscriber.confirm",
        subjectType: "subscriber",
        subjectId: id,
        detail: { newsletter: body.newsletter, consent: body.consent },
      });
      await recordSubscriberEvents(
        trx,
        [{ type: "subscriber.confirmed", subscriberId: id, newsletters: [nid], via: via(req) }],
        now,
      );
    });
    return describe(db, id);
  });

  api.post("/subscribers/:id/unsubscribe", guard, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const body = parseInput(unsubscribeBody, req.body);
    const nid = body.newsletter ? await newsletterId(db, body.newsletter) : undefined;
    const now = deps.now();
    await describe(db, id);
    await db.transaction().execute(async (trx) => {
      const changed = await unsubscribe(trx, { subscriberId: id, newsletterId: nid ?? "all", now, via: via(req) });
      if (!changed) return;
      await recordAudit(trx, now, {
        ...who(req),
        action: "subscriber.unsubscribe",
        subjectType: "subscriber",
        subjectId: id,
        detail: { newsletter: body.newsletter ?? "all" },
      });
    });
    return describe(db, id);
  });
}
