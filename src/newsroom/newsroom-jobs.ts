import { z } from "zod";
import type { Db } from "../database.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import type { Storage } from "../platform/storage/storage.js";
import { changeArticle } from "./articles/article-changes.js";
import { PUBLISH_JOB, publishScheduled } from "./articles/workflow.js";
import { NOTIFY_JOB, type NotifyDeps, deliverNotifications } from "./notifications/notify.js";
import { PURGE_JOB, purgeTrash } from "./trash/purge.js";

// The newsroom's background work: scheduled publications, workflow notifications, and the trash
// emptied of what has been in it 30 days.

export interface NewsroomJobDeps extends NotifyDeps {
  db: Db;
  storage: Storage;
  pages: PageInvalidator;
}

export function newsroomJobHandlers(deps: NewsroomJobDeps) {
  const { db, storage, pages } = deps;
  return {
    // Workflow notifications: one job per event; a second run emails only who was not emailed yet.
    [NOTIFY_JOB]: defineJob({
      schema: z.object({ eventId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ eventId }, ctx) => {
        await ctx.progress(1, 1, await deliverNotifications(deps, eventId));
      },
    }),
    // A scheduled publication: publishes only if the article is still scheduled for that time.
    [PUBLISH_JOB]: defineJob({
      schema: z.object({ articleId: z.number().int().positive(), at: z.iso.datetime(), alert: z.boolean().optional() }),
      run: async ({ articleId, at, alert }, ctx) => {
        const outcome = await changeArticle({ db, pages }, articleId, () =>
          publishScheduled({ db, now: deps.now(), timeZone: deps.site.timeZone }, articleId, at, alert),
        );
        await ctx.progress(1, 1, outcome);
      },
    }),
    // What has been in the trash 30 days goes for good, with its files (docs/adr/025).
    [PURGE_JOB]: defineJob({
      schema: z.object({}),
      run: async (_payload, ctx) => {
        const purged = await purgeTrash({ db, storage }, deps.now());
        await ctx.progress(
          1,
          1,
          `Purged ${purged.articles} articles, ${purged.media} images and ${purged.videos} videos.`,
        );
      },
    }),
  };
}
