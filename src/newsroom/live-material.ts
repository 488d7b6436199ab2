import type { ArticleStatus } from "../articles/article.table.js";
import { collectEmbeds } from "../articles/document/document.schema.js";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import type { NewsroomUser } from "../platform/admin/session.js";
import { allows } from "../platform/admin/permissions.js";

// Images and videos readers can see change only by those who publish. `media.edit.own` and
// `video.edit.own` cover what the user uploaded and nothing on the site shows yet: a change to
// anything else would go live without review.

/** Approved or live: a scheduled story's pictures were approved with it. */
const LIVE: ArticleStatus[] = ["published", "scheduled"];

/** Live stories whose body embeds `id` as `key` (a LIKE narrows, the document decides). */
async function embeddedInLiveStory(db: Db, key: "mediaId" | "videoId", id: number): Promise<boolean> {
  const rows = await db
    .selectFrom("articles")
    .select("body")
    .where("status", "in", LIVE)
    .where("body", "like", `%"${key}":${id}%`)
    .execute();
  return rows.some((r) => {
    const embeds = collectEmbeds(JSON.parse(r.body));
    return (key === "mediaId" ? embeds.mediaIds : embeds.videoIds).includes(id);
  });
}

/** True when a published (or scheduled) page shows the image. */
export async function imageIsLive(db: Db, id: number): Promise<boolean> {
  const direct = await db
    .selectFrom("articles")
    .select("id")
    .where("status", "in", LIVE)
    .where((eb) => eb.or([eb("hero_media_id", "=", id), eb("social_media_id", "=", id)]))
    .executeTakeFirst();
  if (direct) return true;
  const photo = await db.selectFrom("authors").select("id").where("photo_media_id", "=", id).executeTakeFirst();
  if (photo) return true;
  const poster = await db
    .selectFrom("videos")
    .select("id")
    .where("poster_media_id", "=", id)
    .where("published", "=", 1)
    .executeTakeFirst();
  return poster !== undefined || embeddedInLiveStory(db, "mediaId", id);
}

/** True when the video is published, or a published (or scheduled) story plays it. */
export async function videoIsLive(db: Db, id: number, published: boolean): Promise<boolean> {
  if (published) return true;
  const story = await db
    .selectFrom("articles")
    .select("id")
    .where("status", "in", LIVE)
    .where("video_id", "=", id)
    .executeTakeFirst();
  return story !== undefined || embeddedInLiveStory(db, "videoId", id);
}

/** 404 for no such image; 403 unless the user may change any image, or this is theirs and not live. */
export async function assertMayChangeImage(db: Db, user: NewsroomUser, id: number): Promise<void> {
  if (allows(user, "media.edit.any")) return;
  const row = await db.selectFrom("media").select("uploaded_by").where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such image");
  if (row.uploaded_by !== user.id) throw new AppError("FORBIDDEN", "You can change only images you uploaded");
  if (await imageIsLive(db, id)) {
    throw new AppError("FORBIDDEN", "This image is on the site: ask an editor to change it");
  }
}

/** 404 for no such video; 403 unless the user may change any video, or this is theirs and not live. */
export async function assertMayChangeVideo(db: Db, user: NewsroomUser, id: number): Promise<void> {
  if (allows(user, "video.edit.any")) return;
  const row = await db
    .selectFrom("videos")
    .select(["uploaded_by", "published"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such video");
  if (row.uploaded_by !== user.id) throw new AppError("FORBIDDEN", "You can change only videos you uploaded");
  if (await videoIsLive(db, id, row.published === 1)) {
    throw new AppError("FORBIDDEN", "This video is on the site: ask an editor to change it");
  }
}
