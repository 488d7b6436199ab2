import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { AppError, notFound } from "../platform/errors.js";
import { slugParam } from "../platform/http/page-params.js";
import { sendPage } from "../platform/http/send-page.js";
import { type PageDeps, loadSiteContext } from "../site/site.loader.js";
import { articlePath } from "./article.js";
import { loadArticlePage } from "./article.page.js";
import { findCurrentPathForOldSlug, isTakenDown } from "./article.queries.js";
import { ArticlePage } from "./views/ArticlePage.js";

export function registerArticleRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get<{ Params: { section: string; slug: string } }>("/:section/:slug", async (req, reply) => {
    const { section, slug } = req.params;
    if (!slugParam.safeParse(slug).success || !slugParam.safeParse(section).success) throw notFound("Article");
    const site = await loadSiteContext(deps, section);
    const data = await loadArticlePage(deps, site, slug);
    if (!data) {
      // A renamed article keeps answering at its old address.
      const moved = await findCurrentPathForOldSlug(deps.db, slug);
      if (moved) return reply.redirect(moved, 301);
      if (await isTakenDown(deps.db, slug)) throw new AppError("GONE", "This story has been removed");
      throw notFound("Article");
    }
    const canonical = articlePath(data.article.section.slug, data.article.slug);
    if (section !== data.article.section.slug) return reply.redirect(canonical, 301);
    deps.views.record(data.article.id, req.headers["user-agent"]);
    return sendPage(reply, h(ArticlePage, data), {
      surrogateKeys: [`article-${data.article.id}`, `section-${data.article.section.slug}`],
    });
  });
}
