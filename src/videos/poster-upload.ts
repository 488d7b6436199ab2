import sharp from "sharp";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import type { Storage } from "../platform/storage/storage.js";

export const MAX_POSTER_BYTES = 10 * 1024 * 1024;
const MAX_POSTER_WIDTH = 1920;

/**
 * Makes an uploaded image the video's poster: decoded by sharp (so only a real image passes),
 * turned upright, scaled to at most 1920 px wide, saved as JPEG without metadata, and recorded in
 * the media table like every other image.
 */
export async function storePosterImage(
  deps: { db: Db; storage: Storage; now: () => Date },
  video: { id: number; title: string },
  image: Buffer,
): Promise<number> {
  let jpeg: { data: Buffer; info: sharp.OutputInfo };
  try {
    jpeg = await sharp(image, { failOn: "error" })
      .rotate()
      .resize({ width: MAX_POSTER_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The poster must be a JPEG, PNG or WebP image");
  }
  const now = deps.now();
  const key = `videos/${video.id}/poster-upload-${now.getTime()}.jpg`;
  await deps.storage.write(key, jpeg.data);
  const row = await deps.db
    .insertInto("media")
    .values({
      kind: "image",
      storage_key: key,
      mime: "image/jpeg",
      width: jpeg.info.width,
      height: jpeg.info.height,
      alt: `Poster of the video ${video.title}`.slice(0, 300),
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await deps.db
    .updateTable("videos")
    .set({ poster_media_id: row.id, poster_time: null, updated_at: now.toISOString() })
    .where("id", "=", video.id)
    .execute();
  return row.id;
}
