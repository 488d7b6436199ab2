import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import {
  type ListFilter,
  countPublishedArticles,
  listPublishedArticles,
  searchArticlesByText,
} from "../articles/article.queries.js";
import { authorPath } from "../authors/author.js";
import { findAuthorBySlug } from "../authors/author.queries.js";
import { notFound } from "../platform/errors.js";
import { pageQuery, parseInput, slugParam, totalPagesFor } from "../platform/http/page-params.js";
import { sendPage } from "../platform/http/send-page.js";
import { tagPath } from "../tags/tag.js";
import { findTagBySlug } from "../tags/tag.queries.js";
import { absoluteUrl } from "./site-context.js";
import { type PageDeps, loadSiteContext } from "./site.loader.js";
import { loadHomePage } from "./home.page.js";
import { HomePage } from "./views/HomePage.js";
import { ListingPage } from "./views/ListingPage.js";
import { SearchPage } from "./views/SearchPage.js";

export const PER_PAGE = 20;

export function registerSiteRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get("/", async (_req, reply) => {
    const site = await loadSiteContext(deps, "");
    return sendPage(reply, h(HomePage, await loadHomePage(deps, site)), { surrogateKeys: ["home"] });
  });

  app.get("/robots.txt", async (_req, reply) => {
    reply.header("content-type", "text/plain; charset=utf-8").header("cache-control", "public, max-age=3600");
    return [
      "User-agent: *",
      "Disallow: /search",
      "Disallow: /newsletters/",
      "Disallow: /api/",
      "Disallow: /newsroom",
      "",
      `Sitemap: ${deps.config.siteUrl}/sitemap.xml`,
      "",
    ].join("\n");
  });

  app.get<{ Params: { section: string } }>("/:section", async (req, reply) => {
    if (!slugParam.safeParse(req.params.section).success) throw notFound("Section");
    const { page } = parseInput(pageQuery, req.query);
    const site = await loadSiteContext(deps, req.params.section);
    const section = site.sections.find((s) => s.slug === req.params.section);
    if (!section) throw notFound("Section");
    const listing = await loadListing(deps, { sectionId: section.id }, page);
    return sendPage(
      reply,
      h(ListingPage, {
        site,
        kind: "Section",
        title: section.name,
        description: section.description || `The latest ${section.name} news from ${site.name}.`,
        basePath: section.url,
        feedBase: `/feeds/section/${section.slug}`,
        ...listing,
      }),
      { surrogateKeys: [`section-${section.slug}`] },
    );
  });

  app.get<{ Params: { slug: string } }>("/tags/:slug", async (req, reply) => {
    if (!slugParam.safeParse(req.params.slug).success) throw notFound("Topic");
    const { page } = parseInput(pageQuery, req.query);
    const [site, tag] = await Promise.all([loadSiteContext(deps), findTagBySlug(deps.db, req.params.slug)]);
    if (!tag) throw notFound("Topic");
    const listing = await loadListing(deps, { tagId: tag.id }, page);
    return sendPage(
      reply,
      h(ListingPage, {
        site,
        kind: "Topic",
        title: tag.name,
        description: `Stories about ${tag.name} from ${site.name}.`,
        basePath: tagPath(tag.slug),
        feedBase: `/feeds/tag/${tag.slug}`,
        ...listing,
      }),
      { surrogateKeys: [`tag-${tag.slug}`] },
    );
  });

  app.get<{ Params: { slug: string } }>("/authors/:slug", async (req, reply) => {
    if (!slugParam.safeParse(req.params.slug).success) throw notFound("Author");
    const { page } = parseInput(pageQuery, req.query);
    const [site, author] = await Promise.all([loadSiteContext(deps), findAuthorBySlug(deps.db, req.params.slug)]);
    if (!author) throw notFound("Author");
    const listing = await loadListing(deps, { authorId: author.id }, page);
    const description = author.bio || `${author.name} writes for ${site.name}.`;
    return sendPage(
      reply,
      h(ListingPage, {
        site,
        kind: author.role || "Author",
        title: author.name,
        description,
        basePath: authorPath(author.slug),
        feedBase: `/feeds/author/${author.slug}`,
        ...listing,
        intro: <AuthorIntro bio={description} photo={author.photo?.src} name={author.name} />,
        jsonLd: [
          {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            mainEntity: {
              "@type": "Person",
              name: author.name,
              jobTitle: author.role,
              description,
              url: absoluteUrl(site, author.url),
              ...(author.photo ? { image: absoluteUrl(site, author.photo.src) } : {}),
            },
          },
        ],
      }),
      { surrogateKeys: [`author-${author.slug}`] },
    );
  });

  const searchQuery = z.object({ q: z.string().max(200, "Search for at most 200 characters").default("") });
  app.get("/search", async (req, reply) => {
    const { q } = parseInput(searchQuery, req.query);
    const query = q.trim();
    const [site, results] = await Promise.all([
      loadSiteContext(deps),
      query ? searchArticlesByText(deps.db, query, PER_PAGE) : Promise.resolve([]),
    ]);
    return sendPage(reply, h(SearchPage, { site, query, results }), { cache: "private" });
  });
}

/** One page of a listing: the count bounds the page number (past the end is 404), then the page. */
async function loadListing(deps: PageDeps, filter: Omit<ListFilter, "limit" | "offset">, page: number) {
  const totalPages = totalPagesFor(await countPublishedArticles(deps.db, filter), PER_PAGE);
  if (page > totalPages) throw notFound("Page");
  const articles = await listPublishedArticles(deps.db, { ...filter, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  return { page, totalPages, articles };
}

function AuthorIntro({ bio, photo, name }: { bio: string; photo: string | undefined; name: string }) {
  return (
    <div class="author-intro">
      {photo && <img src={photo} alt={`Portrait of ${name}`} width={96} height={96} class="author-photo" />}
      <p class="listing-description">{bio}</p>
    </div>
  );
}
