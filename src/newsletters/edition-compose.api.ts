import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import { recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { detail } from "./edition-detail.js";
import { findEditionRow } from "./editions.js";
import { composeNextMorningHeadlines } from "./next-edition.js";

// POST /api/newsroom/editions/compose: the next Morning Headlines composed now (docs/adr/031), so an
// editor can change, preview, test and leave it to its schedule before 05:30. 201 with the edition
// when composed; 200 with it when that day's edition already exists (pressing twice opens the same).

const composeBody = z.strictObject({
  newsletter: z.literal(MORNING_HEADLINES, {
    error: "newsletter: only the Morning Headlines is composed ahead; digests gather their stories when they go",
  }),
});

export function registerEditionComposeRoute(api: FastifyInstance, deps: NewsroomDeps): void {
  const { db } = deps;
  api.post("/editions/compose", { preHandler: requirePermission(deps, "newsletter.manage") }, async (req, reply) => {
    parseInput(composeBody, req.body);
    const out = await db.transaction().execute(async (trx) => {
      const result = await composeNextMorningHeadlines(trx, { now: deps.now(), timeZone: deps.config.timeZone });
      if (result.status === "composed") {
        await recordAudit(trx, deps.now(), {
          userId: currentUser(req).id,
          ip: req.ip,
          action: "edition.compose",
          subjectType: "edition",
          subjectId: result.briefingId,
          detail: { editionDate: result.editionDate, items: result.items },
        });
      }
      const edition = await detail(trx, await findEditionRow(trx, result.briefingId), deps.now(), deps.config);
      return { composed: result.status === "composed", edition };
    });
    return reply.status(out.composed ? 201 : 200).send(out);
  });
}
