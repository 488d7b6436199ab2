import type { FastifyInstance } from "fastify";
import { listAuthorsForArticles, listPublishedArticles, type ListFilter } from "../articles/article.queries.js";
import { findAuthorBySlug } from "../authors/author.queries.js";
import { notFound } from "../platform/errors.js";
import { slugParam } from "../platform/http/page-params.js";
import { listSections } from "../sections/section.queries.js";
import type { PageDeps } from "../pages/page-deps.js";
import { type PageContext, servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { findTagBySlug } from "../tags/tag.queries.js";
import { type Feed, atomFeed, feedPaths, jsonFeed, rssFeed } from "./feed.js";
import { loadFeedContent } from "./feed-content.js";

export const FEED_ITEMS = 20;

const FORMATS = {
  "rss.xml": { type: "application/rss+xml; charset=utf-8", render: rssFeed },
  "atom.xml": { type: "application/atom+xml; charset=utf-8", render: atomFeed },
  "feed.json": { type: "application/feed+json; charset=utf-8", render: jsonFeed },
} as const;
type Format = keyof typeof FORMATS;
const isFormat = (f: string): f is Format => f in FORMATS;

interface Scope {
  /** What the feed's title and membership depend on. */
  tags: string[];
  title: string;
  description: string;
  pagePath: string;
  filter: Omit<ListFilter, "limit">;
}

async function resolveScope(deps: PageDeps, scope: string, slug: string): Promise<Scope> {
  const site = deps.config.siteName;
  if (!slugParam.safeParse(slug).success) throw notFound("Feed");
  if (scope === "section") {
    const section = (await listSections(deps.db)).find((s) => s.slug === slug);
    if (!section) throw notFound("Feed");
    return {
      tags: [pageTags.sectionList(section.slug)],
      title: `${site}: ${section.name}`,
      description: section.description,
      pagePath: section.url,
      filter: { sectionId: section.id },
    };
  }
  if (scope === "tag") {
    const tag = await findTagBySlug(deps.db, slug);
    if (!tag) throw notFound("Feed");
    return {
      tags: [pageTags.topic(tag.slug), pageTags.topicList(tag.slug)],
      title: `${site}: ${tag.name}`,
      description: `Stories about ${tag.name}.`,
      pagePath: `/tags/${tag.slug}`,
      filter: { tagId: tag.id },
    };
  }
  if (scope === "author") {
    const author = await findAuthorBySlug(deps.db, slug);
    if (!author) throw notFound("Feed");
    return {
      tags: [pageTags.author(author.slug), pageTags.authorList(author.slug)],
      title: `${site}: ${author.name}`,
      description: author.bio,
      pagePath: author.url,
      filter: { authorId: author.id },
    };
  }
  throw notFound("Feed");
}

export function registerFeedRoutes(app: FastifyInstance, deps: PageDeps): void {
  const build = async (page: PageContext, format: Format, base: string, scope: Scope) => {
    const articles = await listPublishedArticles(deps.db, { ...scope.filter, limit: FEED_ITEMS });
    const siteUrl = deps.config.siteUrl;
    const [authors, content] = await Promise.all([
      listAuthorsForArticles(
        deps.db,
        articles.map((a) => a.id),
      ),
      deps.config.feedFullText ? loadFeedContent(deps.db, siteUrl, articles) : undefined,
    ]);
    page.tag(
      ...scope.tags,
      ...articles.map((a) => pageTags.story(a.id)),
      ...[...authors.values()].flat().map((a) => pageTags.author(a.slug)),
    );
    const paths = feedPaths(base);
    const feed: Feed = {
      title: scope.title,
      description: scope.description,
      pageUrl: siteUrl + scope.pagePath,
      urls: { rss: siteUrl + paths.rss, atom: siteUrl + paths.atom, json: siteUrl + paths.json },
      siteUrl,
      language: "en-GB",
      updated: articles[0]?.updatedAt ?? deps.now(),
      items: articles.map((article) => ({
        article,
        authors: authors.get(article.id) ?? [],
        ...(content ? { contentHtml: content.get(article.id) ?? "" } : {}),
      })),
    };
    return { body: FORMATS[format].render(feed), contentType: FORMATS[format].type };
  };

  app.get<{ Params: { format: string } }>("/feeds/:format", async (req, reply) => {
    const { format } = req.params;
    if (!isFormat(format)) throw notFound("Feed");
    return servePage(deps, req, reply, { key: `/feeds/${format}` }, (page) =>
      build(page, format, "/feeds", {
        tags: [pageTags.latest],
        title: deps.config.siteName,
        description: deps.config.tagline,
        pagePath: "/",
        filter: {},
      }),
    );
  });

  app.get<{ Params: { scope: string; slug: string; format: string } }>(
    "/feeds/:scope/:slug/:format",
    async (req, reply) => {
      const { scope, slug, format } = req.params;
      if (!isFormat(format) || !slugParam.safeParse(slug).success) throw notFound("Feed");
      const base = `/feeds/${scope}/${slug}`;
      return servePage(deps, req, reply, { key: `${base}/${format}` }, async (page) =>
        build(page, format, base, await resolveScope(deps, scope, slug)),
      );
    },
  );
}
