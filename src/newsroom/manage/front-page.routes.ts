import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { pageTags } from "../../pages/page-tags.js";

// The front page: its lead story and the top stories under it, published stories only.

export const frontBody = z.strictObject({
  leadId: z.number().int().positive().nullable(),
  topIds: z.array(z.number().int().positive()).max(12, "At most 12 top stories"),
});

export const registerFrontPageRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  const frontPage = async () => {
    const rows = await db
      .selectFrom("front_page as f")
      .innerJoin("articles as a", "a.id", "f.article_id")
      .select(["f.position", "a.id", "a.headline", "a.status"])
      .orderBy("f.position")
      .execute();
    const item = (r: (typeof rows)[number]) => ({ id: r.id, headline: r.headline, status: r.status });
    const lead = rows.find((r) => r.position === 0);
    return { lead: lead ? item(lead) : null, top: rows.filter((r) => r.position > 0).map(item) };
  };

  api.get("/front-page", { preHandler: requirePermission(deps, "content.read") }, frontPage);

  api.put("/front-page", { preHandler: requirePermission(deps, "frontpage.manage") }, async (req) => {
    const body = parseInput(frontBody, req.body);
    const ids = [...(body.leadId ? [body.leadId] : []), ...body.topIds];
    if (new Set(ids).size !== ids.length)
      throw new AppError("VALIDATION_FAILED", "A story can appear once on the front page");
    await db.transaction().execute(async (trx) => {
      if (ids.length) {
        const live = await trx
          .selectFrom("articles")
          .select("id")
          .where("id", "in", ids)
          .where("status", "=", "published")
          .execute();
        const found = new Set(live.map((r) => r.id));
        const missing = ids.filter((i) => !found.has(i));
        if (missing.length) {
          throw new AppError(
            "VALIDATION_FAILED",
            `Only published stories go on the front page (not ${missing.join(", ")})`,
            {
              details: missing.map((m) => ({ path: "topIds", message: `Article ${m} is not published` })),
            },
          );
        }
      }
      await trx.deleteFrom("front_page").execute();
      const rows = [
        ...(body.leadId ? [{ position: 0, article_id: body.leadId }] : []),
        ...body.topIds.map((article_id, i) => ({ position: i + 1, article_id })),
      ];
      if (rows.length) await trx.insertInto("front_page").values(rows).execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "frontpage.updated",
        subjectType: "frontpage",
        detail: body,
      });
    });
    await deps.pages.invalidate([pageTags.front]);
    return frontPage();
  });
};
