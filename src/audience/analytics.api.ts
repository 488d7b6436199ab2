import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import { findArticleRow } from "../newsroom/articles/article-draft.js";
import { ownsArticle } from "../newsroom/articles/article-access.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { allows } from "../platform/admin/permissions.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { loadArticleFigures } from "./article-figures.js";
import { toCsv } from "./csv.js";
import { loadEditionFigures } from "./edition-figures.js";
import { loadNow } from "./now.queries.js";
import { type Overview, loadOverview } from "./overview.js";
import { PERIODS } from "./periods.js";

// /api/newsroom/analytics: the audience desk's figures as JSON (and CSV downloads), for the
// newsroom screens and the Admin API. Site-wide figures: editors and admins. One story's figures:
// also its own writer or contributor (the user created it or is among its authors); nobody else.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-07");
const periodQuery = z.strictObject({ period: z.enum(PERIODS).default("today") });
const csvQuery = z.strictObject({
  period: z.enum(PERIODS).default("today"),
  table: z.enum(["series", "stories", "sections", "sources", "referrers"]).default("series"),
});
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const articleQuery = z
  .strictObject({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, "from must not be after to");

function overviewCsv(o: Overview, table: z.infer<typeof csvQuery>["table"]): string {
  switch (table) {
    case "series":
      return toCsv(
        ["start", "label", "views", "visitors", "engaged_seconds", "signups"],
        o.series.map((p) => [p.t, p.label, p.views, p.visitors, p.engagedSeconds, p.signups]),
      );
    case "stories":
      return toCsv(
        ["id", "headline", "section", "url", "views", "engaged_seconds", "signups"],
        o.stories.map((s) => [s.id, s.headline, s.section, s.url, s.views, s.engagedSeconds, s.signups]),
      );
    case "sections":
      return toCsv(
        ["section", "views", "engaged_seconds"],
        o.sections.map((s) => [s.name, s.views, s.engagedSeconds]),
      );
    case "sources":
      return toCsv(["source", "views"], Object.entries(o.sources));
    case "referrers":
      return toCsv(
        ["source", "referrer", "views"],
        o.referrers.map((r) => [r.kind, r.name, r.views]),
      );
  }
}

export function registerAnalyticsApi(api: FastifyInstance, deps: NewsroomDeps): void {
  const { db } = deps;
  const site = requirePermission(deps, "analytics.view");
  const tz = deps.config.timeZone;

  api.get("/analytics/now", { preHandler: site }, async () => loadNow(db, deps.now()));

  api.get("/analytics/overview", { preHandler: site }, async (req) => {
    const { period } = parseInput(periodQuery, req.query, "query");
    return loadOverview(db, period, deps.now(), tz);
  });

  api.get("/analytics/overview.csv", { preHandler: site }, async (req, reply) => {
    const { period, table } = parseInput(csvQuery, req.query, "query");
    const overview = await loadOverview(db, period, deps.now(), tz);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="audience-${period}-${table}-${overview.to}.csv"`)
      .send(overviewCsv(overview, table));
  });

  api.get("/analytics/articles/:id", { preHandler: requirePermission(deps, "analytics.view.own") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const query = parseInput(articleQuery, req.query, "query");
    const user = currentUser(req);
    const row = await findArticleRow(db, id);
    if (!allows(user, "analytics.view") && !(await ownsArticle(db, user, row)))
      throw new AppError("FORBIDDEN", "You can see the figures of your own stories only");
    return loadArticleFigures(db, row, { from: query.from, to: query.to, now: deps.now(), timeZone: tz });
  });

  api.get("/analytics/editions/:id", { preHandler: site }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    return loadEditionFigures(db, id);
  });
}
