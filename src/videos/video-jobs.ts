import { z } from "zod";
import type { Db } from "../database.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { pageTags } from "../pages/page-tags.js";
import { JobLeaseLostError, PermanentJobError, defineJob } from "../platform/jobs/job-handler.js";
import type { Storage } from "../platform/storage/storage.js";
import { markFailed, processVideo } from "./processing/process-video.js";
import type { VideoTools } from "./processing/video-tools.js";
import { VIDEO_UPLOADS_CLEANUP_JOB, removeAbandonedUploads } from "./upload/upload-cleanup.js";
import { VIDEO_PROCESS_JOB } from "./upload/video-upload.js";

// The videos' background work (docs/adr/010): an upload made web-ready, and every night the
// uploads nobody finished removed.

export interface VideoJobDeps {
  db: Db;
  storage: Storage;
  tools: VideoTools;
  now: () => Date;
  pages: PageInvalidator;
}

export function videoJobHandlers(deps: VideoJobDeps) {
  const { db, storage, tools, pages } = deps;
  return {
    [VIDEO_PROCESS_JOB]: defineJob({
      schema: z.object({ videoId: z.number().int().positive() }),
      // ffmpeg reports progress every half second or so, and each report renews the lease.
      leaseMs: 5 * 60_000,
      run: async ({ videoId }, ctx) => {
        let written = -1;
        try {
          await processVideo({ db, storage, tools, now: deps.now }, videoId, async (percent, step) => {
            await ctx.progress(percent, 100, step);
            // The newsroom polls the video row; a write per 5 % is plenty.
            if (percent >= written + 5 || percent === 100) {
              written = percent;
              await db.updateTable("videos").set({ progress: percent }).where("id", "=", videoId).execute();
            }
          });
        } catch (err) {
          // Cancelled or taken over: the other runner finishes; this one leaves the row alone.
          if (err instanceof JobLeaseLostError) throw err;
          // Another attempt will not mend a damaged file or a failed encode: say why and stop.
          throw new PermanentJobError(await markFailed({ db, now: deps.now }, videoId, err), { cause: err });
        } finally {
          // Its page, the video section and any article playing it show the new files (or "unavailable").
          await pages.invalidate([pageTags.video(videoId), pageTags.videos]);
        }
      },
    }),
    [VIDEO_UPLOADS_CLEANUP_JOB]: defineJob({
      schema: z.object({}),
      run: async (_payload, ctx) => {
        const { removed } = await removeAbandonedUploads({ db, storage }, deps.now());
        await ctx.progress(1, 1, `Removed ${removed} abandoned video uploads.`);
      },
    }),
  };
}
