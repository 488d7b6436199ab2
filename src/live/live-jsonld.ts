import { documentToPlainText } from "../articles/document/plain-text.js";
import { type SiteContext, absoluteUrl } from "../pages/site-context.js";
import { toZonedIso } from "../platform/time.js";
import { entryAnchor, livePagePath } from "./live-pages.js";
import type { LiveBlogData } from "./live.page.js";

const words = (text: string, max: number) => {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
};

/**
 * A live blog for search engines (schema.org LiveBlogPosting): the article's NewsArticle fields,
 * the coverage's start and, once closed, its end, and this page's entries as BlogPostings.
 */
export function liveBlogPostingJsonLd(article: Record<string, unknown>, live: LiveBlogData, site: SiteContext) {
  const tz = site.timeZone;
  const pageUrl = absoluteUrl(site, livePagePath(live.articlePath, live.window.page));
  const newest = live.entries[0];
  return {
    ...article,
    "@type": "LiveBlogPosting",
    ...(newest ? { dateModified: toZonedIso(newest.updatedAt, tz) } : {}),
    coverageStartTime: toZonedIso(live.blog.startedAt, tz),
    ...(live.blog.status === "closed" && live.blog.endedAt
      ? { coverageEndTime: toZonedIso(live.blog.endedAt, tz) }
      : {}),
    liveBlogUpdate: live.entries.map((e) => {
      const text = documentToPlainText(e.body);
      return {
        "@type": "BlogPosting",
        headline: words(e.title || text, 110),
        articleBody: text,
        datePublished: toZonedIso(e.postedAt, tz),
        ...(e.editedAt ? { dateModified: toZonedIso(e.editedAt, tz) } : {}),
        url: `${pageUrl}#${entryAnchor(e.id)}`,
        ...(e.authorName ? { author: { "@type": "Person", name: e.authorName } } : {}),
      };
    }),
  };
}
