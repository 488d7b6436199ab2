import type { ArticleSummary } from "../articles/article.js";
import type { ArticleVideo } from "./video-sitemap.queries.js";
import { escapeXml } from "./xml.js";

/** Media may live on a public bucket or CDN (MEDIA_PUBLIC_URL): their URLs are absolute already. */
const absolute = (siteUrl: string, url: string) => (/^https?:\/\//.test(url) ? url : siteUrl + url);

// XML for the sitemaps protocol (sitemaps.org/protocol.html), Google's image and video extensions and the
// Google News sitemap. Pure functions: data in, XML text out.

export const ARTICLES_PER_SITEMAP = 50_000; // the protocol's limit per file
export const NEWS_WINDOW_HOURS = 48; // Google News reads articles of the last two days
export const NEWS_MAX_ARTICLES = 1_000; // and at most 1,000 per sitemap

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function sitemapIndex(siteUrl: string, sitemaps: { path: string; lastmod?: Date }[]): string {
  const entries = sitemaps
    .map(
      (s) =>
        `<sitemap><loc>${escapeXml(siteUrl + s.path)}</loc>${s.lastmod ? `<lastmod>${s.lastmod.toISOString()}</lastmod>` : ""}</sitemap>`,
    )
    .join("\n");
  return `${XML_HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`;
}

export function urlSet(siteUrl: string, urls: { path: string; lastmod?: Date }[]): string {
  const entries = urls
    .map(
      (u) =>
        `<url><loc>${escapeXml(siteUrl + u.path)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ""}</url>`,
    )
    .join("\n");
  return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`;
}

export function articleSitemap(siteUrl: string, articles: ArticleSummary[]): string {
  const entries = articles
    .map((a) => {
      const image = a.hero
        ? `<image:image><image:loc>${escapeXml(absolute(siteUrl, a.hero.src))}</image:loc></image:image>`
        : "";
      return `<url><loc>${escapeXml(siteUrl + a.url)}</loc><lastmod>${a.updatedAt.toISOString()}</lastmod>${image}</url>`;
    })
    .join("\n");
  return (
    `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n${entries}\n</urlset>\n`
  );
}

export function newsSitemap(
  siteUrl: string,
  publication: string,
  language: string,
  articles: ArticleSummary[],
): string {
  const entries = articles
    .map(
      (a) =>
        `<url><loc>${escapeXml(siteUrl + a.url)}</loc><news:news><news:publication>` +
        `<news:name>${escapeXml(publication)}</news:name><news:language>${language}</news:language></news:publication>` +
        `<news:publication_date>${a.publishedAt.toISOString()}</news:publication_date>` +
        `<news:title>${escapeXml(a.headline)}</news:title></news:news></url>`,
    )
    .join("\n");
  return (
    `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entries}\n</urlset>\n`
  );
}

export const VIDEO_DESCRIPTION_MAX = 2048; // Google's limit
export const VIDEO_DURATION_MAX = 28_800; // eight hours, in seconds

/**
 * Google's video sitemap (developers.google.com/search/docs/crawling-indexing/sitemaps/video-sitemaps):
 * one <url> per article page with its video. An entry needs a thumbnail, so videos without one are left out.
 */
export function videoSitemap(siteUrl: string, videos: ArticleVideo[]): string {
  const entries = videos
    .filter((v): v is ArticleVideo & { thumbnail: string } => v.thumbnail !== null)
    .map((v) => {
      const seconds = Math.round(v.durationSeconds);
      const duration =
        seconds >= 1 && seconds <= VIDEO_DURATION_MAX ? `<video:duration>${seconds}</video:duration>` : "";
      return (
        `<url><loc>${escapeXml(siteUrl + v.articleUrl)}</loc><video:video>` +
        `<video:thumbnail_loc>${escapeXml(absolute(siteUrl, v.thumbnail))}</video:thumbnail_loc>` +
        `<video:title>${escapeXml(v.title)}</video:title>` +
        `<video:description>${escapeXml(v.description.slice(0, VIDEO_DESCRIPTION_MAX))}</video:description>` +
        `<video:content_loc>${escapeXml(absolute(siteUrl, v.src))}</video:content_loc>${duration}` +
        `<video:publication_date>${v.publishedAt.toISOString()}</video:publication_date>` +
        `<video:family_friendly>yes</video:family_friendly></video:video></url>`
      );
    })
    .join("\n");
  return (
    `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">\n${entries}\n</urlset>\n`
  );
}
