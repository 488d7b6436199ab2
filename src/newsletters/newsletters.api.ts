import { Cron } from "croner";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import { pageTags } from "../pages/page-tags.js";
import { AppError } from "../platform/errors.js";
import { slugify } from "../platform/slug.js";
import type { Db } from "../database.js";
import { BUILT_IN_NEWSLETTERS } from "./digest-edition.js";
import { registerEditionRoutes } from "./editions.api.js";
import { EDITION_JOBS } from "./job-names.js";
import { registerSubscriberRoutes } from "./subscribers.api.js";
import { type Newsletter, toNewsletter } from "./subscription.queries.js";

// The newsroom's newsletters API (/api/newsroom/newsletters, /editions, /subscribers): editors
// (newsletter.manage) run editions and subscribers; admins (newsletter.admin) add, rename, pause
// and schedule newsletters. Send times are cron patterns in the newsroom's time zone; the job
// runner reads them again every minute. A newsletter added here is a digest (digest-edition.ts)
// of one section, one topic or everything.

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
const sourceId = z.number().int().positive().nullable().optional();
const createBody = z.strictObject({
  name: z.string().trim().min(1, "Name the newsletter").max(80),
  slug: z.string().max(60).optional(),
  description: z.string().trim().max(300).optional(),
  // Breaking news is the one alert newsletter (editors raise it when publishing); the newsletters
  // added here are digests of what was published since the previous edition.
  kind: z.enum(["daily", "weekly"], "A new newsletter is daily or weekly"),
  sendCron: cron.nullable().optional(),
  sectionId: sourceId,
  tagId: sourceId,
});
const patchBody = z.strictObject({
  name: z.string().trim().min(1, "Name the newsletter").max(80).optional(),
  description: z.string().trim().max(300).optional(),
  status: z.enum(["active", "paused"]).optional(),
  sendCron: cron.nullable().optional(),
  sectionId: sourceId,
  tagId: sourceId,
  /** Where replies to its editions go; null: to the From address. */
  replyTo: z.email("replyTo must be an email address").max(254).nullable().optional(),
});

/** A digest's source: one section or one topic, or neither (every section). */
async function checkSource(db: Db, body: { sectionId?: number | null; tagId?: number | null }) {
  if (body.sectionId && body.tagId) {
    throw new AppError("VALIDATION_FAILED", "tagId: choose a section or a topic, not both");
  }
  if (body.sectionId) {
    const found = await db.selectFrom("sections").select("id").where("id", "=", body.sectionId).executeTakeFirst();
    if (!found) throw new AppError("VALIDATION_FAILED", `sectionId: there is no section ${body.sectionId}`);
  }
  if (body.tagId) {
    const found = await db.selectFrom("tags").select("id").where("id", "=", body.tagId).executeTakeFirst();
    if (!found) throw new AppError("VALIDATION_FAILED", `tagId: there is no topic ${body.tagId}`);
  }
}

interface NewsletterOut extends Newsletter {
  timeZone: string;
  nextSendAt: string | null;
  /** Newsletters an admin added are digests: stories from this section or topic, or all (both null). */
  digest: boolean;
  source: { section: { id: number; name: string } | null; tag: { id: number; name: string } | null };
  /** Where replies to its editions go; null: to the From address. */
  replyTo: string | null;
  confirmed: number;
  pending: number;
  /** What the newsletter's latest finished job said: sent counts, an empty news day, held, paused. */
  lastRun: { at: string; note: string; failed: boolean } | null;
}

// Whose newsletter a job is about.
function jobNewsletter(name: string, payload: string): string | undefined {
  if (name === "newsletter.video") return "video";
  if (name === "newsletter.breaking") return "breaking-news";
  try {
    const parsed = JSON.parse(payload) as { newsletter?: unknown };
    return typeof parsed.newsletter === "string" ? parsed.newsletter : undefined;
  } catch {
    return undefined;
  }
}

async function lastRuns(db: Db): Promise<Map<string, NonNullable<NewsletterOut["lastRun"]>>> {
  const rows = await db
    .selectFrom("jobs")
    .select(["name", "payload", "status", "progress", "last_error", "finished_at"])
    .where("name", "in", EDITION_JOBS)
    .where("status", "in", ["succeeded", "failed"])
    .orderBy("id", "desc")
    .limit(200)
    .execute();
  const out = new Map<string, NonNullable<NewsletterOut["lastRun"]>>();
  for (const r of rows) {
    const slug = jobNewsletter(r.name, r.payload);
    if (!slug || out.has(slug)) continue;
    let note: string | undefined;
    try {
      note = r.progress ? (JSON.parse(r.progress) as { message?: string }).message : undefined;
    } catch {
      note = undefined;
    }
    const failed = r.status === "failed";
    const text = failed ? `Failed: ${r.last_error ?? "unknown error"}` : note;
    if (!text || text === "sending") continue;
    out.set(slug, { at: r.finished_at ?? "", note: text, failed });
  }
  return out;
}

async function listWithCounts(db: Db, timeZone: string, now: Date, only?: number): Promise<NewsletterOut[]> {
  let q = db
    .selectFrom("newsletters as n")
    .leftJoin("sections as sec", "sec.id", "n.section_id")
    .leftJoin("tags as t", "t.id", "n.tag_id")
    .selectAll("n")
    .select(["sec.name as section_name", "t.name as tag_name"])
    .orderBy("n.position")
    .orderBy("n.id");
  if (only !== undefined) q = q.where("n.id", "=", only);
  const rows = await q.execute();
  const counts = await db
    .selectFrom("subscriptions as s")
    .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
    .select((eb) => ["s.newsletter_id", "s.status", eb.fn.countAll<number>().as("n")])
    .where("s.status", "in", ["confirmed", "pending"])
    .where("p.status", "=", "active")
    .groupBy(["s.newsletter_id", "s.status"])
    .execute();
  const runs = await lastRuns(db);
  const count = (newsletterId: number, status: string) =>
    Number(counts.find((c) => c.newsletter_id === newsletterId && c.status === status)?.n ?? 0);
  return rows.map((r) => ({
    ...toNewsletter(r),
    timeZone,
    nextSendAt:
      r.send_cron && r.status === "active"
        ? (new Cron(r.send_cron, { paused: true, timezone: timeZone }).nextRun(now)?.toISOString() ?? null)
        : null,
    digest: !BUILT_IN_NEWSLETTERS.has(r.slug),
    source: {
      section: r.section_id !== null ? { id: r.section_id, name: r.section_name ?? "" } : null,
      tag: r.tag_id !== null ? { id: r.tag_id, name: r.tag_name ?? "" } : null,
    },
    replyTo: r.reply_to,
    confirmed: count(r.id, "confirmed"),
    pending: count(r.id, "pending"),
    lastRun: runs.get(r.slug) ?? null,
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
    if (BUILT_IN_NEWSLETTERS.has(slug)) {
      throw new AppError("CONFLICT", `The slug "${slug}" is taken`, { details: [{ path: "slug", message: "Taken" }] });
    }
    const created = await db.transaction().execute(async (trx) => {
      await checkSource(trx, body);
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
          send_cron: body.sendCron ?? null,
          section_id: body.sectionId ?? null,
          tag_id: body.tagId ?? null,
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
        detail: {
          slug,
          name: body.name,
          kind: body.kind,
          sendCron: body.sendCron ?? null,
          sectionId: body.sectionId ?? null,
          tagId: body.tagId ?? null,
        },
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
      if ((body.sectionId !== undefined || body.tagId !== undefined) && BUILT_IN_NEWSLETTERS.has(row.slug)) {
        throw new AppError("VALIDATION_FAILED", `sectionId: ${row.name} chooses its own stories`);
      }
      // A source replaces the other one: a section given clears the topic and the reverse.
      const source =
        body.sectionId !== undefined || body.tagId !== undefined
          ? {
              sectionId: body.sectionId !== undefined ? body.sectionId : body.tagId ? null : row.section_id,
              tagId: body.tagId !== undefined ? body.tagId : body.sectionId ? null : row.tag_id,
            }
          : undefined;
      if (source) await checkSource(trx, source);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.sendCron !== undefined ? { send_cron: body.sendCron } : {}),
        ...(source ? { section_id: source.sectionId, tag_id: source.tagId } : {}),
        ...(body.replyTo !== undefined ? { reply_to: body.replyTo?.toLowerCase() ?? null } : {}),
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
          before: {
            name: row.name,
            description: row.description,
            status: row.status,
            sendCron: row.send_cron,
            sectionId: row.section_id,
            tagId: row.tag_id,
            replyTo: row.reply_to,
          },
          after: body,
        },
      });
    });
    // A digest's editions are pages titled with its name.
    if (body.name !== undefined) await deps.pages.invalidate([pageTags.editions]);
    return (await listWithCounts(db, config.timeZone, deps.now(), newsletterId))[0];
  });

  registerEditionRoutes(api, deps);
  await registerSubscriberRoutes(api, deps);
};
