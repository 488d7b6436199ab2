import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { type PageDeps } from "../pages/page-deps.js";
import { servePage } from "../pages/page-pipeline.js";
import { AppError, notFound } from "../platform/errors.js";
import { slugParam } from "../platform/http/page-params.js";
import { parseInput } from "../platform/http/parse-input.js";
import { z } from "zod";
import { articlePath } from "./article.js";
import { loadArticlePage } from "./article.page.js";
import { findCurrentPathForOldSlug, isTakenDown } from "./article.queries.js";
import { ArticlePage } from "./views/ArticlePage.js";

// A live blog's older pages (`?page=N`) and its key events (`?filter=key-events`); any other
// parameter (`utm_source`) is not part of the page.
const liveQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  filter: z.literal("key-events").optional(),
});

export function registerArticleRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get<{ Params: { section: string; slug: string } }>("/:section/:slug", async (req, reply) => {
    const { section, slug } = req.params;
    if (!slugParam.safeParse(slug).success || !slugParam.safeParse(section).success) throw notFound("Article");
    const { page: livePage, filter } = parseInput(liveQuery, req.query);
    const live = { page: livePage, keyEventsOnly: filter === "key-events" };
    const suffix = filter ? "?filter=key-events" : livePage ? `?page=${livePage}` : "";
    return servePage(deps, req, reply, { key: `/${section}/${slug}${suffix}` }, async (page) => {
      const data = await loadArticlePage(deps, page, slug, { section, live });
      if (data && "redirect" in data) return { redirect: data.redirect, status: 302 };
      if (!data) {
        // A renamed article keeps answering at its old address.
        const moved = await findCurrentPathForOldSlug(deps.db, slug);
        if (moved) return { redirect: moved };
        if (await isTakenDown(deps.db, slug)) throw new AppError("GONE", "This story has been removed");
        throw notFound("Article");
      }
      const canonical = articlePath(data.article.section.slug, data.article.slug);
      if (section !== data.article.section.slug) return { redirect: canonical };
      return { html: h(ArticlePage, data), meta: data.article.id };
    });
  });
}
