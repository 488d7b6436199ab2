import type { ArticleSummary } from "../articles/article.js";
import { collectEmbeds } from "../articles/document/document.schema.js";
import type { Db } from "../database.js";
import { findImagesByIds } from "../media/media.queries.js";
import { findVideosByIds } from "../videos/video.queries.js";
import { feedBodyHtml } from "./feed-body.js";

/**
 * The full text of a feed's stories as feed-safe HTML, by article id: three queries whatever the
 * number of stories (their bodies, then every embedded image and video at once), one render each.
 */
export async function loadFeedContent(
  db: Db,
  siteUrl: string,
  articles: ArticleSummary[],
): Promise<Map<number, string>> {
  if (articles.length === 0) return new Map();
  const rows = await db
    .selectFrom("articles")
    .select(["id", "body"])
    .where(
      "id",
      "in",
      articles.map((a) => a.id),
    )
    .execute();
  const bodies = new Map<number, unknown>();
  for (const row of rows) {
    try {
      bodies.set(row.id, JSON.parse(row.body));
    } catch {
      bodies.set(row.id, { type: "doc", content: [] });
    }
  }
  const mediaIds = new Set<number>();
  const videoIds = new Set<number>();
  for (const body of bodies.values()) {
    const embeds = collectEmbeds(body);
    embeds.mediaIds.forEach((id) => mediaIds.add(id));
    embeds.videoIds.forEach((id) => videoIds.add(id));
  }
  const [images, videos] = await Promise.all([findImagesByIds(db, [...mediaIds]), findVideosByIds(db, [...videoIds])]);
  return new Map(
    articles.map((a) => [
      a.id,
      feedBodyHtml(bodies.get(a.id), { siteUrl, articleUrl: siteUrl + a.url, images, videos }),
    ]),
  );
}
