import { createHash } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import type { ArticleSummary } from "../../articles/article.js";
import {
  findCurrentPathForOldSlug,
  findPublishedArticleBySlug,
  listArticleNotes,
  listPublishedArticles,
  listStoredRelatedArticles,
} from "../../articles/article.queries.js";
import type { AuthorRef } from "../../authors/author.js";
import { AppError, notFound } from "../../platform/errors.js";
import { methodNotAllowed } from "../../platform/http/allowed-methods.js";
import { apiError } from "../../platform/http/api-error.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { renderDocument } from "../../platform/render/render-page.js";
import { type PageDeps, loadSiteContext } from "../../pages/page-deps.js";
import type { TagRef } from "../../tags/tag.js";
import { loadCredits, resolveFilterSlugs, searchContent } from "./content-api.queries.js";
import {
  type ApiArticle,
  type ApiArticleSummary,
  type ApiError,
  articlePathParams,
  listArticlesQuery,
  noQuery,
  searchQuery,
} from "./content-api.schemas.js";
import { encodeCursor } from "./cursor.js";
import { API_BASE, type OpenApiDocument, buildOpenApiDocument } from "./openapi.js";
import { ApiDocsPage } from "./views/ApiDocsPage.js";

export const API_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";
/** Related articles in the full article: the whole stored list. */
export const API_RELATED_LIMIT = 8;

/** Validates a query; the message names each bad parameter, `details` lists them one by one. */
/** A weak validator: compression may re-encode the bytes, the content stays the same. */
const etagOf = (body: string) => `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** Sends a cacheable response with an ETag, or 304 when the client already has this version. */
function sendCacheable(req: FastifyRequest, reply: FastifyReply, body: string, contentType: string): FastifyReply {
  const etag = etagOf(body);
  reply.header("cache-control", API_CACHE_CONTROL).header("etag", etag);
  if (etagMatches(req.headers["if-none-match"], etag)) return reply.status(304).send();
  return reply.header("content-type", contentType).send(body);
}

const JSON_TYPE = "application/json; charset=utf-8";

export function registerContentApiRoutes(app: FastifyInstance, deps: PageDeps): void {
  const { db, config } = deps;
  const absolute = (path: string) => `${config.siteUrl}${path}`;
  const isVisible = (a: ArticleSummary) => a.publishedAt.getTime() <= deps.now().getTime();

  const summary = (a: ArticleSummary, authors: AuthorRef[] = [], tags: TagRef[] = []): ApiArticleSummary => ({
    slug: a.slug,
    url: absolute(a.url),
    kicker: a.kicker,
    headline: a.headline,
    standfirst: a.standfirst,
    section: { slug: a.section.slug, name: a.section.name },
    authors: authors.map(({ slug, name }) => ({ slug, name })),
    tags: tags.map(({ slug, name }) => ({ slug, name })),
    published_at: a.publishedAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
    hero: a.hero && { url: absolute(a.hero.src), alt: a.hero.alt, width: a.hero.width, height: a.hero.height },
  });

  /** Summaries with their bylines and topics: two more queries, whatever the number of articles. */
  const summaries = async (articles: ArticleSummary[]): Promise<ApiArticleSummary[]> => {
    const { authors, tags } = await loadCredits(
      db,
      articles.map((a) => a.id),
    );
    return articles.map((a) => summary(a, authors.get(a.id), tags.get(a.id)));
  };

  // Built once: it depends on the configuration alone.
  let spec: OpenApiDocument | undefined;
  let openApiJson: string | undefined;
  const openApi = () => (spec ??= buildOpenApiDocument({ siteUrl: config.siteUrl, siteName: config.siteName }));

  void app.register(
    async (api) => {
      api.addHook("onRequest", async (_req, reply) => {
        // Public content: any site may read it from a browser.
        reply
          .header("access-control-allow-origin", "*")
          .header("access-control-expose-headers", "ETag")
          .header("cross-origin-resource-policy", "cross-origin");
      });

      const sendError = (reply: FastifyReply, status: number, body: ApiError) =>
        reply.status(status).header("cache-control", "no-store").header("content-type", JSON_TYPE).send(body);

      api.setNotFoundHandler(async (req, reply) => {
        const notAllowed = methodNotAllowed(api, req, reply);
        if (notAllowed) throw notAllowed;
        return sendError(reply, 404, { error: { code: "NOT_FOUND", message: "No such endpoint in the Content API" } });
      });
      api.setErrorHandler(async (error: FastifyError | AppError, req, reply) => {
        const { status, body, headers } = apiError(error);
        reply.headers(headers);
        if (status >= 500) req.log.error({ err: error }, "request failed");
        // The Content API's own errors carry their details as a list of { path, message }.
        return sendError(reply, status, body as ApiError);
      });

      api.get("/articles", async (req, reply) => {
        const query = parseInput(listArticlesQuery, req.query, "query");
        const ids = await resolveFilterSlugs(db, query);
        for (const [what, id] of [
          ["section", ids.sectionId],
          ["tag", ids.tagId],
          ["author", ids.authorId],
        ] as const) {
          if (id === null) {
            throw new AppError("VALIDATION_FAILED", `${what}: no ${what} has the slug "${query[what]}"`, {
              details: [{ path: what, message: `No ${what} has this slug` }],
            });
          }
        }
        // One more than a page tells whether another page follows.
        const found = await listPublishedArticles(db, {
          ...(ids.sectionId ? { sectionId: ids.sectionId } : {}),
          ...(ids.tagId ? { tagId: ids.tagId } : {}),
          ...(ids.authorId ? { authorId: ids.authorId } : {}),
          ...(query.since ? { since: query.since } : {}),
          ...(query.cursor ? { after: query.cursor } : {}),
          until: deps.now(),
          limit: query.limit + 1,
        });
        const page = found.slice(0, query.limit);
        const last = page.at(-1);
        const body = {
          data: await summaries(page),
          next_cursor:
            found.length > query.limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null,
        };
        return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE);
      });

      api.get<{ Params: { slug: string } }>("/articles/:slug", async (req, reply) => {
        parseInput(noQuery, req.query, "query");
        if (!articlePathParams.safeParse(req.params).success) throw notFound("Article");
        const { slug } = req.params;
        const row = await findPublishedArticleBySlug(db, slug);
        if (!row) {
          // A renamed article keeps answering at its old slug, as on the site.
          const moved = await findCurrentPathForOldSlug(db, slug);
          if (moved) {
            const newSlug = moved.slice(moved.lastIndexOf("/") + 1);
            return reply.header("cache-control", API_CACHE_CONTROL).redirect(`${API_BASE}/articles/${newSlug}`, 301);
          }
          throw notFound("Article");
        }
        if (!isVisible(row)) throw notFound("Article");
        const [related, notes] = await Promise.all([
          listStoredRelatedArticles(db, row.id, API_RELATED_LIMIT),
          listArticleNotes(db, row.id),
        ]);
        const visibleRelated = related.filter(isVisible);
        const { authors, tags } = await loadCredits(db, [row.id, ...visibleRelated.map((a) => a.id)]);
        let body: unknown;
        try {
          body = JSON.parse(row.body);
        } catch {
          body = { type: "doc", content: [] };
        }
        const base = summary(row, authors.get(row.id), tags.get(row.id));
        const article: ApiArticle = {
          ...base,
          hero: base.hero && { ...base.hero, caption: row.heroCaption, credit: row.heroCredit },
          // Stored as written: every write is checked against the document allow-list.
          body: body as ApiArticle["body"],
          related: visibleRelated.map((a) => summary(a, authors.get(a.id), tags.get(a.id))),
          corrections: notes.map((n) => ({ kind: n.kind, text: n.text, created_at: n.createdAt.toISOString() })),
        };
        return sendCacheable(req, reply, JSON.stringify(article), JSON_TYPE);
      });

      api.get("/search", async (req, reply) => {
        const { q, limit, page } = parseInput(searchQuery, req.query, "query");
        const { results, hasMore } = await searchContent(deps.reader, { q, page, perPage: limit, now: deps.now() });
        const body = { data: await summaries(results), query: q, page, limit, next_page: hasMore ? page + 1 : null };
        return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE);
      });

      api.get("/openapi.json", async (req, reply) => {
        parseInput(noQuery, req.query, "query");
        openApiJson ??= JSON.stringify(openApi());
        return sendCacheable(req, reply, openApiJson, JSON_TYPE);
      });

      api.get("/docs", async (req, reply) => {
        const site = await loadSiteContext(deps);
        const html = renderDocument(h(ApiDocsPage, { site, spec: openApi() }));
        return sendCacheable(req, reply, html, "text/html; charset=utf-8");
      });
    },
    { prefix: API_BASE },
  );
}
