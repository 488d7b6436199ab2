import type { Db } from "../../database.js";
import type { Storage } from "../../platform/storage/storage.js";

export const VIDEO_UPLOADS_CLEANUP_JOB = "video.uploads.cleanup";
/** An upload untouched this long is abandoned: its chunks go, and the client must start again. */
export const ABANDONED_AFTER_MS = 7 * 24 * 3600_000;

/**
 * Removes upload sessions idle for a week: the stored chunks of unfinished ones, and the rows of
 * all of them (a finished upload's file lives on as its video). Safe to run twice.
 */
export async function removeAbandonedUploads(
  deps: { db: Db; storage: Storage },
  now: Date,
): Promise<{ removed: number }> {
  const before = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
  const stale = await deps.db.selectFrom("video_uploads").select("id").where("updated_at", "<", before).execute();
  for (const { id } of stale) {
    await deps.storage.removePrefix(`video-uploads/${id}/`);
    await deps.db.deleteFrom("video_uploads").where("id", "=", id).where("updated_at", "<", before).execute();
  }
  return { removed: stale.length };
}
