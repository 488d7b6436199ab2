import type { Db } from "../database.js";
import { mediaUrl } from "../media/image.js";
import { articlePath } from "../articles/article.js";

/** A published article's own (featured) video, with what Google's video sitemap asks for. */
export interface ArticleVideo {
  articleId: number;
  videoId: number;
  /** Root-relative path of the article: the page the video plays on. */
  articleUrl: string;
  title: string;
  description: string;
  /** Root-relative URLs of the video file and its thumbnail (the poster, else the article's hero). */
  src: string;
  thumbnail: string | null;
  durationSeconds: number;
  publishedAt: Date;
}

function articleVideos(db: Db) {
  return (
    db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .innerJoin("videos as v", "v.id", "a.video_id")
      .where("a.status", "=", "published")
      // A video still processing, or one that failed, is not offered to search engines.
      .where("v.status", "=", "ready")
  );
}

/** Published articles with a video of their own, newest first: one query. */
export async function listPublishedArticleVideos(db: Db, limit: number): Promise<ArticleVideo[]> {
  const rows = await articleVideos(db)
    .leftJoin("media as p", "p.id", "v.poster_media_id")
    .leftJoin("media as h", "h.id", "a.hero_media_id")
    .select([
      "a.id as article_id",
      "v.id as video_id",
      "a.slug",
      "a.standfirst",
      "s.slug as section_slug",
      "v.title",
      "v.description",
      "v.storage_key",
      "v.duration_seconds",
      "v.published_at",
      "p.storage_key as poster_key",
      "h.storage_key as hero_key",
    ])
    .orderBy("a.published_at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const thumbnail = r.poster_key ?? r.hero_key;
    return {
      articleId: r.article_id,
      videoId: r.video_id,
      articleUrl: articlePath(r.section_slug, r.slug),
      title: r.title,
      description: r.description || r.standfirst || r.title,
      src: mediaUrl(r.storage_key),
      thumbnail: thumbnail ? mediaUrl(thumbnail) : null,
      durationSeconds: Number(r.duration_seconds),
      publishedAt: new Date(r.published_at),
    };
  });
}

/** Whether any published article has a video: the sitemap index names the video sitemap only then. */
export async function hasPublishedArticleVideo(db: Db): Promise<boolean> {
  const row = await articleVideos(db).select("a.id").limit(1).executeTakeFirst();
  return row !== undefined;
}
