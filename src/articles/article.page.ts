import { BRIEFING_RAIL } from "../briefings/briefing.queries.js";
import { MOST_READ, MOST_READ_RAIL, withNewest } from "../discovery/most-read.queries.js";
import { findImagesByIds } from "../media/media.queries.js";
import type { PageDeps } from "../pages/page-deps.js";
import type { PageContext } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { type RailKey, railKey } from "../pages/rails.js";
import { findVideosByIds } from "../videos/video.queries.js";
import type { Article } from "./article.js";
import {
  type Headline,
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

/** Today's headlines, in the newsroom's day: the rail beside the home and every article. */
export const TODAYS_RAIL: RailKey<Headline[]> = railKey<Headline[]>("todays");

export const loadTodaysRail = (db: PageDeps["db"], timeZone: string) => (now: Date) =>
  listTodaysHeadlines(db, { now, timeZone, limit: TODAYS_HEADLINES_LIMIT });

/** A description of at most ~160 characters, cut at a word boundary. */
export function describe(standfirst: string, bodyText: string): string {
  const source = (standfirst || bodyText).replace(/\s+/g, " ").trim();
  if (source.length <= 160) return source;
  const cut = source.slice(0, 157);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 100 ? cut.lastIndexOf(" ") : 157)}…`;
}

export const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

/**
 * Loads everything the article page shows (a fixed number of queries, whatever the article; the
 * rails come from memory) and tags the page with each thing it shows.
 */
export async function loadArticlePage(
  deps: PageDeps,
  page: PageContext,
  slug: string,
  options: { previewId?: number; section?: string } = {},
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
  const [details, images, videos, related] = await Promise.all([
    loadArticleDetails(db, row.id),
    findImagesByIds(db, embeds.mediaIds),
    findVideosByIds(db, videoIds),
    listStoredRelatedArticles(db, row.id, RELATED_LIMIT),
  ]);
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
  const text = documentToPlainText(body);
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
    description: describe(row.standfirst, text),
    preview: options.previewId !== undefined,
    wordCount: countWords(text),
  };
}
