import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { type PageDeps, loadSiteContext } from "../pages/page-deps.js";
import { renderDocument } from "../platform/render/render-page.js";
import { buildAdminOpenApi } from "./admin-openapi.js";
import { ADMIN_DOCS_PATH, type AdminApiDocument, AdminApiDocsPage } from "./views/AdminApiDocsPage.js";

// The Admin API's reference page, public like its OpenAPI document (a key is needed to call the
// API, not to read how). Registered after the Admin API, whose routes tell each one's action.
export function registerAdminApiDocs(app: FastifyInstance, deps: PageDeps): void {
  app.get(ADMIN_DOCS_PATH, async (_req, reply) => {
    const spec = buildAdminOpenApi(deps.config.siteUrl, app.adminApiActions ?? new Map());
    const html = renderDocument(
      h(AdminApiDocsPage, { site: await loadSiteContext(deps), spec: spec as AdminApiDocument }),
    );
    return reply.header("cache-control", "public, max-age=60").type("text/html; charset=utf-8").send(html);
  });
}
