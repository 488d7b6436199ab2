import { Cron } from "croner";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../newsroom/audit.js";
import { currentUser, requirePermission } from "../newsroom/auth/guard.js";
import type { NewsroomRoutes } from "../newsroom/newsroom.api.js";
import { parseInput } from "../newsroom/validate.js";
import { AppError } from "../platform/errors.js";
import { slugify } from "../platform/slug.js";
import type { Db } from "../database.js";
import { registerEditionRoutes } from "./editions.api.js";
import { registerSubscriberRoutes } from "./subscribers.api.js";

// The newsroom's newsletters API (/api/newsroom/newsletters, /editions, /subscribers): editors
// (newsletter.manage) run editions and subscribers; admins (newsletter.admin) add, rename, pause
// and schedule newsletters. Send times are cron patterns in the newsroom's time zone.

const id = z.coerce.number().int().positive();
const cron = z
  .string()
  .trim()
  .max(100)
  .refine((pattern) => {
    try {
      new Cron(pattern, { paused: true });
      return pattern.split(/\s+/).length === 5;
    } catch {
      return false;
    }
  }, "Give the send time as five cron fields, like 0 6 * * * (06:00 every day)");
const createBody = z.strictObject({
  name: z.string().trim().min(1, "Name the newsletter").max(80),
  slug: z.string().max(60).optional(),
  description: z.string().trim().max(300).optional(),
  kind: z.enum(["daily", "weekly", "alert"]),
  sendCron: cron.nullable().optional(),
});
const patchBody = z.strictObject({
  name: z.string().trim().min(1, "Name the newsletter").max(80).optional(),
  description: z.string().trim().max(300).optional(),
  status: z.enum(["active", "paused"]).optional(),
  sendCron: cron.nullable().optional(),
});

interface NewsletterOut {
  id: number;
  slug: string;
  name: string;
  description: string;
  kind: string;
  sendCron: string | null;
  timeZone: string;
  nextSendAt: string | null;
  status: string;
  confirmed: number;
  pending: number;
}

async function listWithCounts(db: Db, timeZone: string, now: Date, only?: number): Promise<NewsletterOut[]> {
  let q = db.selectFrom("newsletters").selectAll().orderBy("position").orderBy("id");
  if (only !== undefined) q = q.where("id", "=", only);
  const rows = await q.execute();
  const counts = await db
    .selectFrom("subscriptions as s")
    .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
    .select((eb) => ["s.newsletter_id", "s.status", eb.fn.countAll<number>().as("n")])
    .where("s.status", "in", ["confirmed", "pending"])
    .where("p.status", "=", "active")
    .groupBy(["s.newsletter_id", "s.status"])
    .execute();
  const count = (newsletterId: number, status: string) =>
    Number(counts.find((c) => c.newsletter_id === newsletterId && c.status === status)?.n ?? 0);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    kind: r.kind,
    sendCron: r.send_cron,
    timeZone,
    nextSendAt:
      r.send_cron && r.status === "active"
        ? (new Cron(r.send_cron, { paused: true, timezone: timeZone }).nextRun(now)?.toISOString() ?? null)
        : null,
    status: r.status,
    confirmed: count(r.id, "confirmed"),
    pending: count(r.id, "pending"),
  }));
}

export const registerNewsletterApi: NewsroomRoutes = async (api, deps) => {
  const { db, config } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.get("/newsletters", { preHandler: requirePermission(deps, "newsletter.manage") }, async () => ({
    items: await listWithCounts(db, config.timeZone, deps.now()),
  }));

  api.post("/newsletters", { preHandler: requirePermission(deps, "newsletter.admin") }, async (req, reply) => {
    const body = parseInput(createBody, req.body);
    const slug = slugify(body.slug ?? body.name);
    if (!slug) throw new AppError("VALIDATION_FAILED", "slug: A slug needs letters or digits (a-z, 0-9)");
    if (body.kind === "alert" && body.sendCron) {
      throw new AppError("VALIDATION_FAILED", "sendCron: alerts go when news breaks, not on a schedule");
    }
    const created = await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom("newsletters").select("id").where("slug", "=", slug).executeTakeFirst();
      if (taken)
        throw new AppError("CONFLICT", `The slug "${slug}" is taken`, {
          details: [{ path: "slug", message: "Taken" }],
        });
      const last = await trx
        .selectFrom("newsletters")
        .select((eb) => eb.fn.max("position").as("p"))
        .executeTakeFirst();
      const row = await trx
        .insertInto("newsletters")
        .values({
          slug,
          name: body.name,
          description: body.description ?? "",
          kind: body.kind,
          send_cron: body.kind === "alert" ? null : (body.sendCron ?? null),
          position: Number(last?.p ?? 0) + 1,
          created_at: deps.now().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "newsletter.create",
        subjectType: "newsletter",
        subjectId: row.id,
        detail: { slug, name: body.name, kind: body.kind, sendCron: body.sendCron ?? null },
      });
      return row.id;
    });
    return reply.status(201).send((await listWithCounts(db, config.timeZone, deps.now(), created))[0]);
  });

  api.patch("/newsletters/:id", { preHandler: requirePermission(deps, "newsletter.admin") }, async (req) => {
    const { id: newsletterId } = parseInput(z.strictObject({ id }), req.params, "params");
    const body = parseInput(patchBody, req.body);
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("newsletters").selectAll().where("id", "=", newsletterId).executeTakeFirst();
      if (!row) throw new AppError("NOT_FOUND", `No newsletter ${newsletterId}`);
      if (row.kind === "alert" && body.sendCron) {
        throw new AppError("VALIDATION_FAILED", "sendCron: alerts go when news breaks, not on a schedule");
      }
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.sendCron !== undefined ? { send_cron: body.sendCron } : {}),
      };
      if (Object.keys(changes).length === 0) return;
      await trx.updateTable("newsletters").set(changes).where("id", "=", newsletterId).execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action:
          body.status === "paused"
            ? "newsletter.pause"
            : body.status === "active"
              ? "newsletter.resume"
              : "newsletter.update",
        subjectType: "newsletter",
        subjectId: newsletterId,
        detail: {
          before: { name: row.name, description: row.description, status: row.status, sendCron: row.send_cron },
          after: body,
        },
      });
    });
    return (await listWithCounts(db, config.timeZone, deps.now(), newsletterId))[0];
  });

  registerEditionRoutes(api, deps);
  await registerSubscriberRoutes(api, deps);
};
