import type { ArticleSummary } from "../articles/article.js";
import type { AuthorRef } from "../authors/author.js";
import { escapeXml } from "./xml.js";

// Feeds in the three formats readers' apps speak: RSS 2.0 (rssboard.org/rss-specification),
// Atom (RFC 4287) and JSON Feed 1.1 (jsonfeed.org/version/1.1). Pure: data in, text out.
// Items carry the standfirst as their summary and, when the site enables full-text feeds
// (FEED_FULL_TEXT), the story's body as feed-safe HTML (feed-body.tsx).

/** The feeds of a page: `base` is "/feeds" for the whole site, "/feeds/section/uk" and the like. */
export const feedPaths = (base: string) => ({
  rss: `${base}/rss.xml`,
  atom: `${base}/atom.xml`,
  json: `${base}/feed.json`,
});

export interface FeedItem {
  article: ArticleSummary;
  authors: AuthorRef[];
  /** The full text as feed-safe HTML, absolute URLs only; absent unless full-text feeds are on. */
  contentHtml?: string;
}

export interface Feed {
  title: string;
  description: string;
  /** Absolute URL of the page this feed follows (home, a section, a topic, an author). */
  pageUrl: string;
  /** Absolute URLs of this feed in each format. */
  urls: { rss: string; atom: string; json: string };
  siteUrl: string;
  language: string;
  updated: Date;
  items: FeedItem[];
}

const abs = (feed: Feed, path: string) => (path.startsWith("http") ? path : feed.siteUrl + path);

export function rssFeed(feed: Feed): string {
  const items = feed.items
    .map(({ article: a, authors, contentHtml }) => {
      const url = abs(feed, a.url);
      return [
        "<item>",
        `<title>${escapeXml(a.headline)}</title>`,
        `<link>${escapeXml(url)}</link>`,
        `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
        `<pubDate>${a.publishedAt.toUTCString()}</pubDate>`,
        `<description>${escapeXml(a.standfirst)}</description>`,
        contentHtml === undefined ? "" : `<content:encoded>${escapeXml(contentHtml)}</content:encoded>`,
        `<category>${escapeXml(a.section.name)}</category>`,
        ...authors.map((au) => `<dc:creator>${escapeXml(au.name)}</dc:creator>`),
        a.hero ? `<enclosure url="${escapeXml(abs(feed, a.hero.src))}" type="image/jpeg" length="0"/>` : "",
        "</item>",
      ].join("");
    })
    .join("\n");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>' +
    `<title>${escapeXml(feed.title)}</title><link>${escapeXml(feed.pageUrl)}</link>` +
    `<description>${escapeXml(feed.description)}</description><language>${feed.language}</language>` +
    `<lastBuildDate>${feed.updated.toUTCString()}</lastBuildDate>` +
    `<atom:link href="${escapeXml(feed.urls.rss)}" rel="self" type="application/rss+xml"/>\n${items}\n</channel>\n</rss>\n`
  );
}

export function atomFeed(feed: Feed): string {
  const entries = feed.items
    .map(({ article: a, authors, contentHtml }) => {
      const url = abs(feed, a.url);
      return [
        "<entry>",
        `<id>${escapeXml(url)}</id>`,
        `<title>${escapeXml(a.headline)}</title>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
        `<published>${a.publishedAt.toISOString()}</published>`,
        `<updated>${a.updatedAt.toISOString()}</updated>`,
        ...authors.map(
          (au) => `<author><name>${escapeXml(au.name)}</name><uri>${escapeXml(abs(feed, au.url))}</uri></author>`,
        ),
        `<category term="${escapeXml(a.section.name)}"/>`,
        `<summary>${escapeXml(a.standfirst)}</summary>`,
        contentHtml === undefined ? "" : `<content type="html">${escapeXml(contentHtml)}</content>`,
        "</entry>",
      ].join("");
    })
    .join("\n");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="' +
    feed.language +
    '">\n' +
    `<id>${escapeXml(feed.pageUrl)}</id><title>${escapeXml(feed.title)}</title><subtitle>${escapeXml(feed.description)}</subtitle>` +
    `<updated>${feed.updated.toISOString()}</updated>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.urls.atom)}"/>` +
    // RFC 4287 requires an author on the feed when an entry may have none.
    `<author><name>${escapeXml(feed.title)}</name></author>\n${entries}\n</feed>\n`
  );
}

export function jsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    description: feed.description,
    home_page_url: feed.pageUrl,
    feed_url: feed.urls.json,
    language: feed.language,
    items: feed.items.map(({ article: a, authors, contentHtml }) => ({
      id: abs(feed, a.url),
      url: abs(feed, a.url),
      title: a.headline,
      summary: a.standfirst,
      ...(contentHtml === undefined ? { content_text: a.standfirst } : { content_html: contentHtml }),
      date_published: a.publishedAt.toISOString(),
      date_modified: a.updatedAt.toISOString(),
      tags: [a.section.name],
      ...(a.hero ? { image: abs(feed, a.hero.src) } : {}),
      authors: authors.map((au) => ({ name: au.name, url: abs(feed, au.url) })),
    })),
  });
}
