// The tags a page carries: one for everything it shows whose change must remove it from every
// cache (ours and a CDN's, as Surrogate-Key). A write invalidates exactly the tags it touched.
// "-list-" tags stand for a listing's membership and order (a story published or unpublished, moved,
// re-dated); the plain tags for what a thing looks like wherever it is shown (a headline, a name).

export const pageTags = {
  /** Every card, link or headline that shows an article (its headline, standfirst, picture, address). */
  article: (id: number) => `article-${id}`,
  /** An article's own page, and what shows its body or its time of update (feeds, sitemaps). */
  story: (id: number) => `story-${id}`,
  /** An article page's related list. */
  related: (id: number) => `related-${id}`,
  /** The newest stories of the whole site: the home page, the site's feeds, the sitemaps. */
  latest: "latest",
  /** The editors' choices on the front page. */
  front: "front",
  // Sections, topics and authors by slug, as their addresses are (a renamed slug is both tags).
  sectionList: (slug: string) => `section-list-${slug}`,
  topic: (slug: string) => `topic-${slug}`,
  topicList: (slug: string) => `topic-list-${slug}`,
  author: (slug: string) => `author-${slug}`,
  authorList: (slug: string) => `author-list-${slug}`,
  media: (id: number) => `media-${id}`,
  video: (id: number) => `video-${id}`,
  /** The published videos: the video section and the video sitemap. */
  videos: "videos",
  edition: (newsletter: string, date: string) => `edition-${newsletter}-${date}`,
  /** The published editions of every newsletter: archives and the pages sitemap. */
  editions: "editions",
  /** A live blog's entries: its pages and its polling JSON, nothing else (docs/adr/028). */
  live: (articleId: number) => `live-${articleId}`,
  /** The sitemaps' lists of sections, topics and authors. */
  sitemaps: "sitemaps",
  /**
   * Every public page, on the CDN only (never in our cache's index): what a command that changed
   * too much to name (an import, a reindex) purges, leaving assets and media alone (docs/adr/032).
   */
  everyPage: "pages",
} as const;
