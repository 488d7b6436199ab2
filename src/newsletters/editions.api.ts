import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { isMailAddress } from "../platform/mail/mail.message.js";
import { personalise } from "./email/edition-email.js";
import { countDeliveries } from "./delivery.queries.js";
import { countDeliveryReports, listDeliveryReports } from "./delivery-report.queries.js";
import { scheduleDelivery } from "./resume-edition.js";
import { detail, summary } from "./edition-detail.js";
import { registerEditionSendingRoutes } from "./edition-sending.api.js";
import { type EditionRow, editionKey, findEditionRow, outgoingEdition } from "./editions.js";
import { registerEditionComposeRoute } from "./edition-compose.api.js";
import { replaceItems } from "./edition-items.js";

// /api/newsroom/editions: list editions with their state and delivery counts (delivered, waiting,
// failed; opens are not tracked), read and change a draft edition (version-checked), hold or release
// it, preview it and send a test. Sending it now, resuming and retrying: edition-sending.api.ts.

const id = z.coerce.number().int().positive();
const idParams = z.strictObject({ id });
const listQuery = z.strictObject({
  newsletter: z.string().max(60).optional(),
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
const editBody = z.strictObject({
  baseVersion: z.number().int().positive(),
  intro: z.string().trim().max(1000).optional(),
  items: z
    .array(z.strictObject({ id: z.number().int().positive(), line: z.string().trim().max(400).optional() }))
    .min(1, "An edition needs at least one item; hold it instead")
    .max(60)
    .optional(),
});
const previewQuery = z.strictObject({ format: z.enum(["html", "text"]).default("html") });
const testBody = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => isMailAddress(v), "Enter one email address"),
});

const editable = (row: EditionRow) => row.send_status === "pending" || row.send_status === "held";

export function registerEditionRoutes(api: FastifyInstance, deps: NewsroomDeps): void {
  const { db } = deps;
  const guard = requirePermission(deps, "newsletter.manage");
  const site = () => ({ name: deps.config.siteName, url: deps.config.siteUrl, timeZone: deps.config.timeZone });
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.get("/editions", { preHandler: guard }, async (req) => {
    const query = parseInput(listQuery, req.query, "query");
    let q = db
      .selectFrom("briefings")
      .selectAll()
      .orderBy("id", "desc")
      .limit(query.limit + 1);
    if (query.newsletter) q = q.where("newsletter", "=", query.newsletter);
    if (query.cursor) q = q.where("id", "<", query.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, query.limit);
    const counts = await countDeliveries(db, page.map(editionKey));
    const reports = await countDeliveryReports(db, page.map(editionKey));
    return {
      items: page.map((r) => summary(r, counts.get(editionKey(r))!, deps.now(), reports.get(editionKey(r)))),
      next: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  });

  api.get("/editions/:id", { preHandler: guard }, async (req) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    return detail(db, await findEditionRow(db, editionId), deps.now(), deps.config);
  });

  // Who bounced or complained: addresses, so admins only (editors see the counts in the edition).
  api.get("/editions/:id/reports", { preHandler: requirePermission(deps, "newsletter.admin") }, async (req) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    const row = await findEditionRow(db, editionId);
    return { items: await listDeliveryReports(db, editionKey(row)) };
  });

  api.put("/editions/:id", { preHandler: guard }, async (req) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    const body = parseInput(editBody, req.body);
    const at = deps.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await findEditionRow(trx, editionId);
      if (!editable(row)) throw new AppError("CONFLICT", `This edition is ${row.send_status}: it can no longer change`);
      const updated = await trx
        .updateTable("briefings")
        .set((eb) => ({
          version: eb("version", "+", 1),
          updated_at: at,
          ...(body.intro !== undefined ? { intro: body.intro } : {}),
        }))
        .where("id", "=", row.id)
        .where("version", "=", body.baseVersion)
        .where("send_status", "in", ["pending", "held"])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        throw new AppError("CONFLICT", "Someone changed this edition since you opened it", {
          details: { current: await detail(trx, row, deps.now(), deps.config) },
        });
      }
      if (body.items) await replaceItems(trx, row, body.items);
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "edition.update",
        subjectType: "edition",
        subjectId: row.id,
        detail: { intro: body.intro !== undefined, items: body.items?.map((i) => i.id) ?? null },
      });
      return detail(trx, await findEditionRow(trx, row.id), deps.now(), deps.config);
    });
  });

  // Hold stops an edition before or during its send (what is not yet sent stays queued); release
  // returns it to its schedule, or, when its send had begun, takes the send up again at once.
  const move = (action: "hold" | "release", from: EditionRow["send_status"][]) =>
    api.post(`/editions/:id/${action}`, { preHandler: guard }, async (req) => {
      const { id: editionId } = parseInput(idParams, req.params, "params");
      return db.transaction().execute(async (trx) => {
        const row = await findEditionRow(trx, editionId);
        const begun = action === "release" && (await countDeliveries(trx, [editionKey(row)])).get(editionKey(row))!;
        const resumes = begun && begun.delivered + begun.waiting + begun.failed > 0;
        const to = action === "hold" ? "held" : resumes ? "sending" : "pending";
        if (row.send_status !== to) {
          const moved = await trx
            .updateTable("briefings")
            .set((eb) => ({ send_status: to, version: eb("version", "+", 1), updated_at: deps.now().toISOString() }))
            .where("id", "=", row.id)
            .where("send_status", "in", from)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) === 0) {
            throw new AppError(
              "CONFLICT",
              `An edition that is ${row.send_status} cannot be ${action === "hold" ? "held" : "released"}`,
            );
          }
          if (resumes) await scheduleDelivery(trx, { editionId: row.id }, deps.now(), deps.now(), "resume");
          await recordAudit(trx, deps.now(), {
            ...who(req),
            action: `edition.${action}`,
            subjectType: "edition",
            subjectId: row.id,
          });
        }
        return detail(trx, await findEditionRow(trx, row.id), deps.now(), deps.config);
      });
    });
  move("hold", ["pending", "sending"]);
  move("release", ["held"]);

  api.get("/editions/:id/preview", { preHandler: guard }, async (req, reply) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    const { format } = parseInput(previewQuery, req.query, "query");
    const edition = await outgoingEdition(db, await findEditionRow(db, editionId), site());
    const body = personalise(edition.email, placeholders(deps.config.siteUrl));
    if (format === "text") return reply.type("text/plain; charset=utf-8").send(body.text);
    // The email's own inline styles and images, nothing else; the newsroom may frame it.
    return reply
      .header(
        "content-security-policy",
        "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      )
      .header("x-frame-options", "SAMEORIGIN")
      .type("text/html; charset=utf-8")
      .send(body.html);
  });

  api.post("/editions/:id/test", { preHandler: guard }, async (req) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    const { email } = parseInput(testBody, req.body);
    const row = await findEditionRow(db, editionId);
    const edition = await outgoingEdition(db, row, site());
    const body = personalise(edition.email, placeholders(deps.config.siteUrl));
    // One message to one address, never recorded as a delivery: the edition's own send is untouched.
    const sent = await deps.mailer.send({
      to: email,
      subject: `[Test] ${edition.email.subject}`,
      html: body.html,
      text: body.text,
    });
    await recordAudit(db, deps.now(), {
      ...who(req),
      action: "edition.test",
      subjectType: "edition",
      subjectId: row.id,
      detail: { email },
    });
    return { sentTo: email, messageId: sent.messageId };
  });

  registerEditionSendingRoutes(api, deps);
  registerEditionComposeRoute(api, deps);
}

/** The preview's links lead to the pages, not to anyone's subscription. */
const placeholders = (siteUrl: string) => ({
  preferences: `${siteUrl}/newsletters#preview-preferences`,
  unsubscribe: `${siteUrl}/newsletters#preview-unsubscribe`,
});
