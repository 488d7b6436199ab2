import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { zonedIsoDate } from "../platform/time.js";
import { BREAKING_NEWS } from "./breaking-alert.js";
import { BUILT_IN_NEWSLETTERS } from "./digest-edition.js";
import { detail } from "./edition-detail.js";
import { type EditionRow, editionKey, findEditionRow } from "./editions.js";
import { NEWSLETTER_JOB_NAMES } from "./job-names.js";
import { resumeEdition } from "./resume-edition.js";
import { VIDEO_NEWSLETTER } from "./video-edition.js";

// /api/newsroom/editions/:id/send-now, /resume and /retry-failed: an edition goes now through the same
// durable job as its schedule, and a send that was interrupted (a killed sender), that waits for its next
// try (a mail server away) or that left failures can always be taken up again (docs/adr/008).

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export function registerEditionSendingRoutes(api: FastifyInstance, deps: NewsroomDeps): void {
  const { db } = deps;
  const guard = requirePermission(deps, "newsletter.manage");
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.post("/editions/:id/send-now", { preHandler: guard }, async (req, reply) => {
    const { id: editionId } = parseInput(idParams, req.params, "params");
    const out = await db.transaction().execute(async (trx) => {
      const row = await findEditionRow(trx, editionId);
      // Already under way: "send now" takes it up again (what is waiting goes now).
      if (row.send_status === "sending") return resume(trx, req, row, false);
      if (row.send_status === "sent") {
        throw new AppError("CONFLICT", "This edition is already sent; retry its failed deliveries instead");
      }
      // The send jobs leave a past day's edition alone (its news has moved on); say so now.
      const today = zonedIsoDate(deps.now(), deps.config.timeZone);
      const day = row.edition_date.slice(0, 10);
      if (row.newsletter !== BREAKING_NEWS && day < today) {
        throw new AppError("CONFLICT", `The ${row.edition_date} edition's day has passed: it is no longer sent`);
      }
      // An edition composed ahead goes on its own day, by its schedule: its page and date say that day.
      if (row.newsletter !== BREAKING_NEWS && day > today) {
        throw new AppError(
          "CONFLICT",
          `The ${row.edition_date} edition goes on its day at the send time; it cannot be sent before`,
        );
      }
      const job = await enqueueSend(trx, row, deps.now());
      await trx
        .updateTable("briefings")
        .set((eb) => ({ send_status: "pending", version: eb("version", "+", 1), updated_at: deps.now().toISOString() }))
        .where("id", "=", row.id)
        .execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "edition.send-now",
        subjectType: "edition",
        subjectId: row.id,
        detail: { jobId: job.id },
      });
      return { edition: await detail(trx, await findEditionRow(trx, row.id), deps.now(), deps.config), jobId: job.id };
    });
    return reply.status(202).send(out);
  });

  const resume = async (trx: Db, req: FastifyRequest, row: EditionRow, retryFailed: boolean) => {
    const job = await resumeEdition(
      trx,
      { id: row.id, key: editionKey(row), sendStatus: row.send_status },
      { retryFailed, now: deps.now() },
    );
    await recordAudit(trx, deps.now(), {
      ...who(req),
      action: retryFailed ? "edition.retry-failed" : "edition.resume",
      subjectType: "edition",
      subjectId: row.id,
      detail: { jobId: job.id },
    });
    return { edition: await detail(trx, await findEditionRow(trx, row.id), deps.now(), deps.config), jobId: job.id };
  };

  for (const [path, retryFailed] of [
    ["resume", false],
    ["retry-failed", true],
  ] as const) {
    api.post(`/editions/:id/${path}`, { preHandler: guard }, async (req, reply) => {
      const { id: editionId } = parseInput(idParams, req.params, "params");
      const out = await db
        .transaction()
        .execute(async (trx) => resume(trx, req, await findEditionRow(trx, editionId), retryFailed));
      return reply.status(202).send(out);
    });
  }
}

/** The same durable job its schedule runs, keyed so a double click enqueues it once. */
function enqueueSend(db: Db, row: EditionRow, now: Date) {
  if (row.newsletter === MORNING_HEADLINES) {
    return enqueue(
      db,
      NEWSLETTER_JOB_NAMES.send,
      { newsletter: MORNING_HEADLINES, editionDate: row.edition_date },
      { key: `${NEWSLETTER_JOB_NAMES.send}@now:${row.id}`, now },
    );
  }
  if (row.newsletter === VIDEO_NEWSLETTER) {
    return enqueue(
      db,
      NEWSLETTER_JOB_NAMES.video,
      { editionDate: row.edition_date },
      { key: `${NEWSLETTER_JOB_NAMES.video}@now:${row.id}`, now },
    );
  }
  if (row.newsletter === BREAKING_NEWS && row.article_id !== null) {
    return enqueue(
      db,
      NEWSLETTER_JOB_NAMES.breakingAlert,
      { articleId: row.article_id },
      { key: `${NEWSLETTER_JOB_NAMES.breakingAlert}@now:${row.id}`, now },
    );
  }
  if (!BUILT_IN_NEWSLETTERS.has(row.newsletter)) {
    return enqueue(
      db,
      NEWSLETTER_JOB_NAMES.digest,
      { newsletter: row.newsletter, editionDate: row.edition_date },
      { key: `${NEWSLETTER_JOB_NAMES.digest}@now:${row.id}`, now },
    );
  }
  throw new AppError("CONFLICT", `Editions of "${row.newsletter}" cannot be sent yet`);
}
