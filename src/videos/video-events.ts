import type { Db } from "../database.js";
import { recordEvent } from "../platform/webhooks/webhook-events.js";

// `video.ready` (docs/adr/033, payload in docs/webhooks.md): once per video, in the transaction that
// makes it playable — when its processing first finishes, or at upload when it is taken as it is
// (no ffmpeg on the server). A later run that only makes a new poster frame records none. A video
// is not public when it becomes ready (it is published afterwards), so the payload has no address.
export async function recordVideoReady(trx: Db, videoId: number, now: Date): Promise<void> {
  const row = await trx
    .selectFrom("videos")
    .select(["id", "slug", "title", "duration_seconds", "width", "height", "published"])
    .where("id", "=", videoId)
    .executeTakeFirstOrThrow();
  await recordEvent(
    trx,
    {
      type: "video.ready",
      lane: `video:${videoId}`,
      data: {
        video: {
          id: row.id,
          slug: row.slug,
          title: row.title,
          durationSeconds: Number(row.duration_seconds),
          width: row.width,
          height: row.height,
          published: row.published === 1,
        },
      },
    },
    now,
  );
}
