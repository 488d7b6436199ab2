import type { FastifyInstance, FastifyReply } from "fastify";
import { authorPath } from "../authors/author.js";
import { MORNING_HEADLINES, briefingPath } from "../briefings/briefing.queries.js";
import { notFound } from "../platform/errors.js";
import { sectionPath } from "../sections/section.queries.js";
import { tagPath } from "../tags/tag.js";
import type { PageDeps } from "../site/site.loader.js";
import { countPublishedArticles, listPublishedArticles } from "../articles/article.queries.js";
import {
  ARTICLES_PER_SITEMAP,
  NEWS_MAX_ARTICLES,
  NEWS_WINDOW_HOURS,
  articleSitemap,
  newsSitemap,
  sitemapIndex,
  urlSet,
  videoSitemap,
} from "./sitemap.xml.js";
import { hasPublishedArticleVideo, listPublishedArticleVideos } from "./video-sitemap.queries.js";

const sendXml = (reply: FastifyReply, xml: string, maxAge: number) =>
  reply
    .header("content-type", "application/xml; charset=utf-8")
    .header("cache-control", `public, max-age=${maxAge}`)
    .send(xml);

export function registerSitemapRoutes(app: FastifyInstance, deps: PageDeps): void {
  const { db, config } = deps;

  app.get("/sitemap.xml", async (_req, reply) => {
    const [count, videos] = await Promise.all([countPublishedArticles(db, {}), hasPublishedArticleVideo(db)]);
    const pages = Math.max(1, Math.ceil(count / ARTICLES_PER_SITEMAP));
    const parts = [
      { path: "/sitemaps/news.xml" },
      { path: "/sitemaps/pages.xml" },
      ...Array.from({ length: pages }, (_, i) => ({ path: `/sitemaps/articles-${i + 1}.xml` })),
      ...(videos ? [{ path: "/sitemaps/video.xml" }] : []),
    ];
    return sendXml(reply, sitemapIndex(config.siteUrl, parts), 3600);
  });

  app.get("/sitemaps/news.xml", async (_req, reply) => {
    const since = new Date(deps.now().getTime() - NEWS_WINDOW_HOURS * 3600_000);
    const articles = await listPublishedArticles(db, { since, limit: NEWS_MAX_ARTICLES });
    // Language from the newsroom's locale (en-GB); Google News wants the ISO 639 code.
    return sendXml(reply, newsSitemap(config.siteUrl, config.siteName, "en", articles), 300);
  });

  app.get("/sitemaps/pages.xml", async (_req, reply) => {
    const [sections, tags, authors, editions, videos] = await Promise.all([
      db.selectFrom("sections").select("slug").orderBy("position").execute(),
      db.selectFrom("tags").select("slug").orderBy("slug").execute(),
      db.selectFrom("authors").select("slug").orderBy("slug").execute(),
      db
        .selectFrom("briefings")
        .select(["newsletter", "edition_date"])
        .where("status", "=", "published")
        .orderBy("edition_date", "desc")
        .orderBy("newsletter")
        .execute(),
      db
        .selectFrom("videos")
        .select("slug")
        .where("status", "=", "ready")
        .where("published", "=", 1)
        .orderBy("published_at", "desc")
        .limit(ARTICLES_PER_SITEMAP)
        .execute(),
    ]);
    const urls = [
      { path: "/" },
      ...sections.map((s) => ({ path: sectionPath(s.slug) })),
      { path: "/video" },
      ...videos.map((v) => ({ path: `/video/${v.slug}` })),
      { path: "/morning-headlines" },
      // Every sent edition that is a page: the Morning Headlines, the Video newsletter, digests.
      ...editions.map((e) => ({
        path:
          e.newsletter === MORNING_HEADLINES
            ? briefingPath(e.edition_date)
            : `/newsletters/${e.newsletter}/${e.edition_date}`,
      })),
      ...authors.map((a) => ({ path: authorPath(a.slug) })),
      ...tags.map((t) => ({ path: tagPath(t.slug) })),
    ];
    return sendXml(reply, urlSet(config.siteUrl, urls), 3600);
  });

  app.get("/sitemaps/video.xml", async (_req, reply) => {
    const videos = await listPublishedArticleVideos(db, ARTICLES_PER_SITEMAP);
    return sendXml(reply, videoSitemap(config.siteUrl, videos), 3600);
  });

  app.get<{ Params: { page: string } }>("/sitemaps/articles-:page.xml", async (req, reply) => {
    const page = Number(req.params.page);
    if (!Number.isInteger(page) || page < 1 || page > 10_000) throw notFound("Sitemap");
    const articles = await listPublishedArticles(db, {
      order: "oldest",
      offset: (page - 1) * ARTICLES_PER_SITEMAP,
      limit: ARTICLES_PER_SITEMAP,
    });
    if (articles.length === 0 && page > 1) throw notFound("Sitemap");
    return sendXml(reply, articleSitemap(config.siteUrl, articles), 3600);
  });
}
