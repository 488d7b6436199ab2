import { Readable } from "node:stream";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseCsv } from "../platform/csv.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import {
  SUBSCRIPTION_STATUSES,
  describeImport,
  exportSubscribersCsv,
  importSubscribersCsv,
} from "./subscribers-csv.js";
import { registerSubscriberChanges } from "./subscriber-changes.api.js";

// /api/newsroom/subscribers: search and filter the people subscribed, export them as CSV, and
// import a CSV (text/csv with ?newsletter=&consent=, JSON { csv, newsletter, consent }, or a
// multipart form with a `file` and the same fields), each line validated and reported.

const IMPORT_LIMIT = 5 * 1024 * 1024;
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "yes", "no", "on", "1", "0"])])
  .transform((v) => v === true || v === "true" || v === "yes" || v === "on" || v === "1");
export const listQuery = z.strictObject({
  q: z.string().trim().max(254).optional(),
  newsletter: z.string().max(60).optional(),
  status: z.enum([...SUBSCRIPTION_STATUSES, "bouncing"]).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const exportQuery = z.strictObject({
  newsletter: z.string().max(60).optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
});
const importFields = z.strictObject({
  newsletter: z.string().min(1, "Choose the newsletter to import into").max(60),
  consent: flag.default(false),
});

export async function registerSubscriberRoutes(api: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const guard = requirePermission(deps, "newsletter.manage");
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });
  const newsletterId = async (slug: string) => {
    const row = await db.selectFrom("newsletters").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!row)
      throw new AppError("VALIDATION_FAILED", `newsletter: no newsletter "${slug}"`, {
        details: [{ path: "newsletter", message: "Unknown" }],
      });
    return row.id;
  };

  api.get("/subscribers", { preHandler: guard }, async (req) => {
    const query = parseInput(listQuery, req.query, "query");
    let q = db
      .selectFrom("subscribers as p")
      .selectAll("p")
      .orderBy("p.id")
      .limit(query.limit + 1);
    if (query.q) q = q.where("p.email", "like", `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.cursor) q = q.where("p.id", ">", query.cursor);
    if (query.status === "bouncing") q = q.where("p.status", "=", "bouncing");
    if (query.newsletter || (query.status && query.status !== "bouncing")) {
      const nid = query.newsletter ? await newsletterId(query.newsletter) : undefined;
      const status = query.status === "bouncing" ? undefined : query.status;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("subscriptions as s")
            .select("s.subscriber_id")
            .whereRef("s.subscriber_id", "=", "p.id")
            .$if(nid !== undefined, (w) => w.where("s.newsletter_id", "=", nid!))
            .$if(status !== undefined, (w) => w.where("s.status", "=", status!)),
        ),
      );
    }
    const rows = await q.execute();
    const page = rows.slice(0, query.limit);
    const subs = page.length
      ? await db
          .selectFrom("subscriptions as s")
          .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
          .select(["s.subscriber_id", "n.slug", "s.status", "s.consent", "s.source", "s.confirmed_at"])
          .where(
            "s.subscriber_id",
            "in",
            page.map((p) => p.id),
          )
          .orderBy("n.position")
          .execute()
      : [];
    return {
      items: page.map((p) => ({
        id: p.id,
        email: p.email,
        status: p.status,
        paused: p.paused === 1,
        bounces: p.bounces,
        createdAt: p.created_at,
        subscriptions: subs
          .filter((s) => s.subscriber_id === p.id)
          .map((s) => ({
            newsletter: s.slug,
            status: s.status,
            consent: s.consent,
            source: s.source,
            confirmedAt: s.confirmed_at,
          })),
      })),
      next: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  });

  // A bouncing address whose mailbox works again (the reader says so, or the provider's outage is
  // over) receives again. An address that left everything stays out: a reset never re-adds it.
  api.post("/subscribers/:id/reset-bounces", { preHandler: guard }, async (req) => {
    const { id } = parseInput(z.strictObject({ id: z.coerce.number().int().positive() }), req.params, "params");
    return db.transaction().execute(async (trx) => {
      const person = await trx
        .selectFrom("subscribers")
        .select(["id", "email", "status", "bounces"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!person) throw new AppError("NOT_FOUND", `No subscriber ${id}`);
      if (person.status === "unsubscribed") {
        throw new AppError("CONFLICT", `${person.email} unsubscribed from everything; only they can sign up again`);
      }
      await trx
        .updateTable("subscribers")
        .set({ status: "active", bounces: 0, updated_at: deps.now().toISOString() })
        .where("id", "=", id)
        .where("status", "in", ["active", "bouncing"])
        .execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "subscriber.reset-bounces",
        subjectType: "subscriber",
        subjectId: id,
        detail: { before: { status: person.status, bounces: person.bounces } },
      });
      return { id, email: person.email, status: "active", bounces: 0 };
    });
  });

  registerSubscriberChanges(api, deps);

  api.get("/subscribers/export.csv", { preHandler: guard }, async (req, reply) => {
    const query = parseInput(exportQuery, req.query, "query");
    const nid = query.newsletter ? await newsletterId(query.newsletter) : undefined;
    // Who took a copy of the list, and which part of it: personal data leaving the system.
    await recordAudit(db, deps.now(), {
      ...who(req),
      action: "subscribers.export",
      subjectType: "subscribers",
      detail: query,
    });
    const stamp = deps.now().toISOString().slice(0, 10);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="subscribers-${query.newsletter ?? "all"}-${stamp}.csv"`)
      .send(
        Readable.from(
          exportSubscribersCsv(db, {
            ...(nid !== undefined ? { newsletterId: nid } : {}),
            ...(query.status ? { status: query.status } : {}),
          }),
        ),
      );
  });

  // Multipart and CSV bodies are parsed only here: this child scope, not the whole newsroom API.
  await api.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_LIMIT, files: 1, fields: 4 } });
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: IMPORT_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.post("/subscribers/import", { preHandler: guard, bodyLimit: IMPORT_LIMIT }, async (req) => {
      let csv: string | undefined;
      let fields: Record<string, unknown>;
      if (req.isMultipart()) {
        fields = {};
        for await (const part of req.parts()) {
          if (part.type === "file") csv = (await part.toBuffer()).toString("utf8");
          else fields[part.fieldname] = part.value;
        }
      } else if (typeof req.body === "string") {
        csv = req.body;
        fields = req.query as Record<string, unknown>;
      } else {
        const { csv: text, ...rest } = (req.body ?? {}) as Record<string, unknown>;
        csv = typeof text === "string" ? text : undefined;
        fields = rest;
      }
      const input = parseInput(importFields, fields);
      if (!csv?.trim())
        throw new AppError("VALIDATION_FAILED", "csv: send the CSV file, with a header line naming an email column");
      const nid = await newsletterId(input.newsletter);
      const records = parseCsv(csv);
      return db.transaction().execute(async (trx) => {
        let summary;
        try {
          summary = await importSubscribersCsv(trx, records, {
            newsletterId: nid,
            consent: input.consent,
            now: deps.now,
          });
        } catch (err) {
          if (err instanceof AppError) throw err;
          throw new AppError("VALIDATION_FAILED", err instanceof Error ? err.message : String(err));
        }
        await recordAudit(trx, deps.now(), {
          ...who(req),
          action: "subscribers.import",
          subjectType: "newsletter",
          subjectId: nid,
          detail: {
            consent: input.consent,
            added: summary.added,
            alreadySubscribed: summary.alreadySubscribed,
            confirmed: summary.confirmed,
            skipped: summary.skipped.length,
          },
        });
        return { ...summary, consent: input.consent, report: describeImport(summary, input.consent) };
      });
    });
  });
}
