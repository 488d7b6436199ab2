import { findLatestBriefing } from "../briefings/briefing.queries.js";
import { listMostRead, withNewest } from "../discovery/most-read.queries.js";
import { findImagesByIds } from "../media/media.queries.js";
import type { SiteContext } from "../site/site-context.js";
import type { PageDeps } from "../site/site.loader.js";
import { findLatestFeaturedVideo, findVideosByIds } from "../videos/video.queries.js";
import type { Article } from "./article.js";
import {
  findArticleForPreview,
  findPublishedArticleBySlug,
  listTodaysHeadlines,
  listStoredRelatedArticles,
  loadArticleDetails,
} from "./article.queries.js";
import { collectEmbeds } from "./document/document.schema.js";
import { documentToPlainText } from "./document/DocumentBody.js";
import type { ArticlePageData } from "./views/ArticlePage.js";

export const TODAYS_HEADLINES_LIMIT = 30;
export const RELATED_LIMIT = 4;

/** A description of at most ~160 characters, cut at a word boundary. */
export function describe(standfirst: string, bodyText: string): string {
  const source = (standfirst || bodyText).replace(/\s+/g, " ").trim();
  if (source.length <= 160) return source;
  const cut = source.slice(0, 157);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 100 ? cut.lastIndexOf(" ") : 157)}…`;
}

export const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

/** Loads everything the article page shows: a fixed number of queries, whatever the article. */
export async function loadArticlePage(
  deps: PageDeps,
  site: SiteContext,
  slug: string,
  options: { previewId?: number } = {},
): Promise<ArticlePageData | undefined> {
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
  const [details, images, videos, todays, briefing, mostRead] = await Promise.all([
    loadArticleDetails(db, row.id),
    findImagesByIds(db, embeds.mediaIds),
    findVideosByIds(db, videoIds),
    listTodaysHeadlines(db, { now: site.now, timeZone: site.timeZone, limit: TODAYS_HEADLINES_LIMIT }),
    findLatestBriefing(db),
    listMostRead(db, new Date(site.now.getTime() - 24 * 3600_000), 5),
  ]);
  const [related, featured] = await Promise.all([
    listStoredRelatedArticles(db, row.id, RELATED_LIMIT),
    row.videoId && videos.has(row.videoId) ? Promise.resolve(undefined) : findLatestFeaturedVideo(db),
  ]);
  const article: Article = {
    ...row,
    body,
    authors: details.authors,
    tags: details.tags,
    notes: details.notes,
  };
  const text = documentToPlainText(body);
  return {
    site,
    article,
    body: { images, videos },
    related,
    todays,
    mostRead: withNewest(mostRead, todays, 5),
    briefing,
    player: (row.videoId ? videos.get(row.videoId) : undefined) ?? featured ?? null,
    description: describe(row.standfirst, text),
    preview: options.previewId !== undefined,
    wordCount: countWords(text),
  };
}
