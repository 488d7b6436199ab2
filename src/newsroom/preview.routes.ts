import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { loadArticlePage } from "../articles/article.page.js";
import { ArticlePage } from "../articles/views/ArticlePage.js";
import { AppError, notFound } from "../platform/errors.js";
import type { Signer } from "../platform/signing.js";
import type { PageDeps } from "../pages/page-deps.js";
import { servePage } from "../pages/page-pipeline.js";
import { checkPreviewToken } from "./articles/preview.js";

/** /preview/<token>: an unpublished article in the site's design, for whoever holds the link. */
export function registerPreviewRoutes(app: FastifyInstance, deps: PageDeps & { signer: () => Promise<Signer> }): void {
  app.get<{ Params: { token: string } }>("/preview/:token", async (req, reply) => {
    const check = await checkPreviewToken(deps.db, await deps.signer(), req.params.token, deps.now());
    if (!check.ok) {
      if (check.reason === "invalid") throw notFound("Preview");
      // Expired, or revoked by publication: say so rather than pretend it never existed.
      throw new AppError("GONE", "This preview link has expired or the article has been published");
    }
    reply.header("x-robots-tag", "noindex, nofollow").header("referrer-policy", "no-referrer");
    // For whoever holds the link: never cached (no key).
    return servePage(deps, req, reply, {}, async (page) => {
      const data = await loadArticlePage(deps, page, "", { previewId: check.articleId });
      if (!data || "redirect" in data) throw notFound("Preview");
      return { html: h(ArticlePage, data) };
    });
  });
}
