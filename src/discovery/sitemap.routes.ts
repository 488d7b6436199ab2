import type { FastifyInstance } from "fastify";
import { authorPath } from "../authors/author.js";
import { MORNING_HEADLINES, briefingPath } from "../briefings/briefing.queries.js";
import { notFound } from "../platform/errors.js";
import { sectionPath } from "../sections/section.queries.js";
import { tagPath } from "../tags/tag.js";
import type { PageDeps } from "../pages/page-deps.js";
import { FRAME_RAIL } from "../pages/page-layer.js";
import { servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { railTag } from "../pages/rails.js";
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

const XML = "application/xml; charset=utf-8";

export function registerSitemapRoutes(app: FastifyInstance, deps: PageDeps): void {
  const { db, config } = deps;

  app.get("/sitemap.xml", async (req, reply) =>
    servePage(deps, req, reply, { key: "/sitemap.xml" }, async (page) => {
      const [count, videos] = await Promise.all([countPublishedArticles(db, {}), hasPublishedArticleVideo(db)]);
      page.tag(pageTags.latest, pageTags.videos);
      const pages = Math.max(1, Math.ceil(count / ARTICLES_PER_SITEMAP));
      const parts = [
        { path: "/sitemaps/news.xml" },
        { path: "/sitemaps/pages.xml" },
        ...Array.from({ length: pages }, (_, i) => ({ path: `/sitemaps/articles-${i + 1}.xml` })),
        ...(videos ? [{ path: "/sitemaps/video.xml" }] : []),
      ];
      return { body: sitemapIndex(config.siteUrl, parts), contentType: XML };
    }),
  );

  // The last two days' stories: time moves stories out of it, so it is fresh for a minute only.
  app.get("/sitemaps/news.xml", async (req, reply) =>
    servePage(deps, req, reply, { key: "/sitemaps/news.xml", ttlMs: 60_000 }, async (page) => {
      const since = new Date(deps.now().getTime() - NEWS_WINDOW_HOURS * 3600_000);
      const articles = await listPublishedArticles(db, { since, limit: NEWS_MAX_ARTICLES });
      page.tag(pageTags.latest, ...articles.map((a) => pageTags.story(a.id)));
      // Language from the newsroom's locale (en-GB); Google News wants the ISO 639 code.
      return { body: newsSitemap(config.siteUrl, config.siteName, "en", articles), contentType: XML };
    }),
  );

  app.get("/sitemaps/pages.xml", async (req, reply) =>
    servePage(deps, req, reply, { key: "/sitemaps/pages.xml" }, async (page) => {
      const [tags, authors, editions, videos] = await Promise.all([
        db.selectFrom("tags").select("slug").orderBy("slug").execute(),
        // Authors with a published story: a profile nobody has read a story of yet has no page worth indexing.
        db
          .selectFrom("authors as au")
          .select("au.slug")
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom("article_authors as aa")
                .innerJoin("articles as a", "a.id", "aa.article_id")
                .select("a.id")
                .whereRef("aa.author_id", "=", "au.id")
                .where("a.status", "=", "published"),
            ),
          )
          .orderBy("au.slug")
          .execute(),
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
      // Sections come with the frame: a section's edit changes the frame rail.
      // Sections come from the frame (those with a published story), authors from the stories: any
      // publication or withdrawal (the latest list) may change who is listed.
      page.tag(pageTags.sitemaps, pageTags.editions, pageTags.videos, pageTags.latest, railTag(FRAME_RAIL));
      const urls = [
        { path: "/" },
        ...page.rail(FRAME_RAIL).sections.map((s) => ({ path: sectionPath(s.slug) })),
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
      return { body: urlSet(config.siteUrl, urls), contentType: XML };
    }),
  );

  app.get("/sitemaps/video.xml", async (req, reply) =>
    servePage(deps, req, reply, { key: "/sitemaps/video.xml" }, async (page) => {
      const videos = await listPublishedArticleVideos(db, ARTICLES_PER_SITEMAP);
      page.tag(
        pageTags.latest,
        pageTags.videos,
        ...videos.flatMap((v) => [pageTags.story(v.articleId), pageTags.video(v.videoId)]),
      );
      return { body: videoSitemap(config.siteUrl, videos), contentType: XML };
    }),
  );

  app.get<{ Params: { page: string } }>("/sitemaps/articles-:page.xml", async (req, reply) => {
    const number = Number(req.params.page);
    if (!Number.isInteger(number) || number < 1 || number > 10_000) throw notFound("Sitemap");
    return servePage(deps, req, reply, { key: `/sitemaps/articles-${number}.xml` }, async (page) => {
      const articles = await listPublishedArticles(db, {
        order: "oldest",
        offset: (number - 1) * ARTICLES_PER_SITEMAP,
        limit: ARTICLES_PER_SITEMAP,
      });
      if (articles.length === 0 && number > 1) throw notFound("Sitemap");
      // Each story's lastmod is its last update: every one of them is a tag.
      page.tag(pageTags.latest, ...articles.map((a) => pageTags.story(a.id)));
      return { body: articleSitemap(config.siteUrl, articles), contentType: XML };
    });
  });
}
