import { BRIEFING_RAIL } from "../briefings/briefing.queries.js";
import { MOST_READ, MOST_READ_RAIL, withNewest } from "../discovery/most-read.queries.js";
import { findImagesByIds } from "../media/media.queries.js";
import type { PageDeps } from "../pages/page-deps.js";
import type { PageContext } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { type RailKey, railKey } from "../pages/rails.js";
import { findVideosByIds } from "../videos/video.queries.js";
import { type LiveQuery, loadLiveBlogPage } from "../live/live.page.js";
import { findLiveBlog } from "../live/live.queries.js";
import { notFound } from "../platform/errors.js";
import { type Article, articlePath } from "./article.js";
import {
  type Headline,
  findArticleForPreview,
  findPublishedArticleBySlug,
  listTodaysHeadlines,
  listStoredRelatedArticles,
  loadArticleDetails,
} from "./article.queries.js";
import { collectEmbeds } from "./document/document.schema.js";
import { textFacts } from "./article-text.js";
import type { ArticlePageData } from "./views/ArticlePage.js";

export const TODAYS_HEADLINES_LIMIT = 30;
export const RELATED_LIMIT = 4;

/** Today's headlines, in the newsroom's day: the rail beside the home and every article. */
export const TODAYS_RAIL: RailKey<Headline[]> = railKey<Headline[]>("todays");

export const loadTodaysRail = (db: PageDeps["db"], timeZone: string) => (now: Date) =>
  listTodaysHeadlines(db, { now, timeZone, limit: TODAYS_HEADLINES_LIMIT });

/**
 * Loads everything the article page shows (a fixed number of queries, whatever the article; the
 * rails come from memory) and tags the page with each thing it shows.
 */
export async function loadArticlePage(
  deps: PageDeps,
  page: PageContext,
  slug: string,
  options: { previewId?: number; section?: string; live?: LiveQuery } = {},
): Promise<ArticlePageData | { redirect: string } | undefined> {
  const { db } = deps;
  const row =
    options.previewId === undefined
      ? await findPublishedArticleBySlug(db, slug)
      : await findArticleForPreview(db, options.previewId);
  if (!row) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(row.body);
  } catch {
    body = { type: "doc", content: [] };
  }
  const embeds = collectEmbeds(body);
  const videoIds = row.videoId ? [...embeds.videoIds, row.videoId] : embeds.videoIds;
  const [details, images, videos, related, blog] = await Promise.all([
    loadArticleDetails(db, row.id),
    findImagesByIds(db, embeds.mediaIds),
    findVideosByIds(db, videoIds),
    listStoredRelatedArticles(db, row.id, RELATED_LIMIT),
    findLiveBlog(db, row.id),
  ]);
  const path = articlePath(row.section.slug, row.slug);
  const live = blog && (await loadLiveBlogPage(db, page, blog, path, options.live ?? {}, deps.config.timeZone));
  // A live blog's older page that is now on its own address, or one it never had.
  if (live === "main") return { redirect: path };
  if (blog && live === undefined) throw notFound("Page of this live blog");
  const site = page.site(options.section ?? row.section.slug);
  const todays = page.rail(TODAYS_RAIL);
  // The article's own video leads it, unless its body already plays it. An article without a
  // video shows none: nothing unrelated is promoted into a story.
  const ownVideo = row.videoId ? videos.get(row.videoId) : undefined;
  page.tag(
    pageTags.story(row.id),
    pageTags.related(row.id),
    ...details.authors.map((a) => pageTags.author(a.slug)),
    ...details.tags.map((t) => pageTags.topic(t.slug)),
    ...related.map((r) => pageTags.article(r.id)),
    ...[row.hero, ...related.map((r) => r.hero), ...images.values()].map((i) => i && pageTags.media(i.id)),
    ...videoIds.map((id) => pageTags.video(id)),
  );
  const article: Article = {
    ...row,
    body,
    authors: details.authors,
    tags: details.tags,
    notes: details.notes,
  };
  // Worked out when the text was written; only a row from before that (being backfilled) costs it here.
  const facts = row.textFacts ?? textFacts(row.standfirst, body);
  return {
    site,
    article,
    body: { images, videos },
    related,
    todays,
    mostRead: withNewest(page.rail(MOST_READ_RAIL), todays, MOST_READ),
    briefing: page.rail(BRIEFING_RAIL),
    video: ownVideo ?? null,
    videoInBody: row.videoId !== null && embeds.videoIds.includes(row.videoId),
    description: facts.description,
    preview: options.previewId !== undefined,
    wordCount: facts.wordCount,
    // A preview shows the entries as they stand; only a published live blog streams.
    ...(live ? { live: options.previewId === undefined ? live : { ...live, stream: null } } : {}),
  };
}
