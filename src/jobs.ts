import { randomUUID } from "node:crypto";
import os from "node:os";
import { plural } from "./platform/plural.js";
import type { Kysely } from "kysely";
import { z } from "zod";
import { MORNING_HEADLINES } from "./briefings/briefing.queries.js";
import type { Database } from "./database.js";
import { rebuildDiscoveryIndex } from "./discovery/discovery-index.js";
import { backfillTextFacts } from "./articles/article-text.js";
import { REINDEX_JOB, reindexPayload, runReindex } from "./discovery/reindex-job.js";
import { composeMorningHeadlines } from "./newsletters/edition.js";
import { BREAKING_ALERT_JOB, PUBLISH_JOB, publishScheduled } from "./newsroom/articles/workflow.js";
import { BUILT_IN_NEWSLETTERS } from "./newsletters/digest-edition.js";
import {
  describeSend,
  resumeDelivery,
  sendBreakingAlert,
  sendDigest,
  sendVideoNewsletter,
} from "./newsletters/newsletter-jobs.js";
import { NEWSLETTER_JOB_NAMES } from "./newsletters/job-names.js";
import { DELIVER_JOB } from "./newsletters/resume-edition.js";
import { newsletterLinks } from "./newsletters/newsletter-links.js";
import { type EditionMailer, type SendResult, sendEdition } from "./newsletters/send-edition.js";
import { changeArticle } from "./newsroom/articles/article-changes.js";
import { NOTIFY_JOB, deliverNotifications } from "./newsroom/notifications/notify.js";
import type { PageInvalidator } from "./pages/page-layer.js";
import { pageTags } from "./pages/page-tags.js";
import type { Config } from "./platform/config.js";
import { JobLeaseLostError, PermanentJobError, defineJob } from "./platform/jobs/job-handler.js";
import type { JobLogger } from "./platform/jobs/job-logger.js";
import { JobRunner, type JobRunnerOptions } from "./platform/jobs/job-runner.js";
import { pruneFinishedJobs } from "./platform/jobs/job.queries.js";
import type { Schedule } from "./platform/jobs/schedule.js";
import { loadSigner } from "./platform/signing.js";
import { PURGE_JOB, purgeTrash } from "./newsroom/trash/purge.js";
import { createStorage } from "./platform/storage/create-storage.js";
import { setMediaPublicUrl } from "./media/image.js";
import { zonedIsoDate } from "./platform/time.js";
import { markFailed, processVideo } from "./videos/processing/process-video.js";
import { VIDEO_UPLOADS_CLEANUP_JOB, removeAbandonedUploads } from "./videos/upload/upload-cleanup.js";
import { VIDEO_PROCESS_JOB } from "./videos/upload/video-upload.js";
import { PUSH_JOB } from "./banner/banner.service.js";
import { findNotice, sendPush } from "./push/push-send.js";
import { vapidKeysLoader } from "./push/vapid-keys.js";
import { type DeliverOptions, deliverOnce } from "./platform/webhooks/deliver.js";
import { DELIVER_JOB as WEBHOOK_DELIVER_JOB } from "./platform/webhooks/webhook-events.js";
import { WIRE_JOBS, hasWireProviders, wireJobHandlers, wireSchedules } from "./wire/wire-jobs.js";

// Every background job of the app, by name, and the schedules that enqueue them (docs/adr/007).
// The same registry runs embedded in the web process (server.ts) or in a worker.

export const JOBS = {
  rebuildIndex: "discovery.rebuild",
  reindex: REINDEX_JOB,
  textFacts: "articles.text-facts",
  compose: NEWSLETTER_JOB_NAMES.compose,
  send: NEWSLETTER_JOB_NAMES.send,
  publishArticle: PUBLISH_JOB,
  processVideo: VIDEO_PROCESS_JOB,
  cleanUploads: VIDEO_UPLOADS_CLEANUP_JOB,
  breakingAlert: BREAKING_ALERT_JOB,
  push: PUSH_JOB,
  video: NEWSLETTER_JOB_NAMES.video,
  digest: NEWSLETTER_JOB_NAMES.digest,
  deliver: DELIVER_JOB,
  notify: NOTIFY_JOB,
  purgeTrash: PURGE_JOB,
  pruneJobs: "jobs.prune",
  webhookDeliver: WEBHOOK_DELIVER_JOB,
  ...WIRE_JOBS,
} as const;

/** Finished jobs are kept this long for the newsroom to read, then removed. */
const JOB_RETENTION_DAYS = 14;

export interface JobDeps {
  db: Kysely<Database>;
  config: Config;
  mailer: EditionMailer;
  now: () => Date;
  /** Told of each message sent (the CLI draws a progress bar with it). */
  onSendProgress?: (done: number, total: number) => void;
  /**
   * The pages of the site this process serves: a job that changes what they show (a scheduled
   * publication, an edition going public) drops them. Absent where no pages are served (the CLI).
   */
  pages?: PageInvalidator;
  /** Webhook delivery bounds (timeouts, back-off), for tests; the defaults otherwise. */
  webhooks?: Omit<DeliverOptions, "now">;
  /** True once the runner is stopping: a newsletter send ends after the messages in flight (JobContext.stopping). */
  stopping?: () => boolean;
  /** Told of each newsletter message handed to the mail server or refused (metrics). */
  onMessage?: (outcome: "sent" | "failed") => void;
  /** The runner the handlers run in: an edition's send lease names it (docs/adr/032). */
  runnerId?: string;
}

const NO_PAGES: PageInvalidator = { invalidate: async () => undefined };

export async function jobHandlers(deps: JobDeps) {
  const { db, config } = deps;
  const pushKeys = vapidKeysLoader(db, deps.now);
  const pages = deps.pages ?? NO_PAGES;
  const links = newsletterLinks(config.siteUrl, await loadSigner(db), { now: deps.now });
  setMediaPublicUrl(config.mediaPublicUrl);
  const storage = createStorage(config);
  const sendDeps = {
    db,
    mailer: deps.mailer,
    links,
    site: { name: config.siteName, url: config.siteUrl, timeZone: config.timeZone },
    now: deps.now,
    pages,
    ...(deps.stopping ? { stopping: deps.stopping } : {}),
    ...(deps.onMessage ? { onMessage: deps.onMessage } : {}),
    ...(deps.runnerId ? { runnerId: deps.runnerId } : {}),
  };
  return {
    ...wireJobHandlers({ db, now: deps.now, retentionDays: config.wireRetentionDays }),
    [JOBS.pruneJobs]: defineJob({
      schema: z.object({}).passthrough(),
      run: async (_payload, ctx) => {
        const removed = await pruneFinishedJobs(db, new Date(deps.now().getTime() - JOB_RETENTION_DAYS * 86_400_000));
        await ctx.progress(1, 1, `Removed ${removed} finished job(s) older than ${JOB_RETENTION_DAYS} days.`);
      },
    }),
    [JOBS.processVideo]: defineJob({
      schema: z.object({ videoId: z.number().int().positive() }),
      // ffmpeg reports progress every half second or so, and each report renews the lease.
      leaseMs: 5 * 60_000,
      run: async ({ videoId }, ctx) => {
        const tools = { ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath };
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
    // A breaking-news alert (queued when an editor publishes with "alert subscribers"); a second
    // run finds the same alert and sends only what is still queued.
    [JOBS.breakingAlert]: defineJob({
      schema: z.object({ articleId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ articleId }, ctx) => {
        const note = await sendBreakingAlert(sendDeps, articleId, (done, total) => {
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // Breaking news to readers' devices (src/push): each subscription once; a retry sends the rest.
    [JOBS.push]: defineJob({
      schema: z.union([
        z.strictObject({ articleId: z.number().int().positive() }),
        z.strictObject({ bannerId: z.number().int().positive() }),
      ]),
      leaseMs: 5 * 60_000,
      run: async (source, ctx) => {
        const notice = await findNotice(db, source, config.siteUrl);
        if (!notice) return void (await ctx.progress(1, 1, "Nothing to send: the story or banner is gone."));
        const result = await sendPush({ db, now: deps.now, keys: pushKeys, subject: config.vapidSubject }, notice);
        const note = `Sent ${result.sent}, pruned ${result.pruned} gone, ${result.failed} failed.`;
        // Those not reached are tried again by the job's retry; those reached are not sent twice.
        if (result.failed > 0) throw new Error(note);
        await ctx.progress(1, 1, note);
      },
    }),
    // Friday 12:00: the week's videos, composed and sent in one job (nothing to hold or edit in between).
    [JOBS.video]: defineJob({
      schema: z.object({ editionDate: z.iso.date() }),
      leaseMs: 60_000,
      run: async ({ editionDate }, ctx) => {
        const note = await sendVideoNewsletter(sendDeps, editionDate, (done, total) => {
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // A newsletter an admin added: today's edition composed unless an editor already has it, then
    // sent unless held, in one job (a second run sends only what is still queued).
    [JOBS.digest]: defineJob({
      schema: z.object({ newsletter: z.string().min(1).max(60), editionDate: z.iso.date() }),
      leaseMs: 60_000,
      run: async ({ newsletter, editionDate }, ctx) => {
        const note = await sendDigest(sendDeps, newsletter, editionDate, (done, total) => {
          deps.onSendProgress?.(done, total);
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // Any edition's deliveries that are queued and due: the next try after a temporary failure, a resume
    // after a killed sender, failed ones an editor retries (src/newsletters/resume-edition.ts).
    [JOBS.deliver]: defineJob({
      schema: z.object({ editionId: z.number().int().positive(), addRecipients: z.boolean().optional() }),
      leaseMs: 60_000,
      run: async ({ editionId, addRecipients }, ctx) => {
        const note = await resumeDelivery(sendDeps, editionId, {
          ...(addRecipients ? { addRecipients } : {}),
          onProgress: (done, total) => {
            deps.onSendProgress?.(done, total);
            void ctx.progress(done, total, "sending").catch(() => undefined);
          },
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // Workflow notifications: one job per event; a second run emails only who was not emailed yet.
    [JOBS.notify]: defineJob({
      schema: z.object({ eventId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ eventId }, ctx) => {
        await ctx.progress(1, 1, await deliverNotifications(sendDeps, eventId));
      },
    }),
    // One attempt at one webhook delivery (docs/adr/033): it schedules its own retry.
    [JOBS.webhookDeliver]: defineJob({
      schema: z.object({ deliveryId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ deliveryId }, ctx) => {
        const outcome = await deliverOnce(deps.db, deliveryId, { now: deps.now, ...deps.webhooks });
        await ctx.progress(1, 1, `delivery ${deliveryId}: ${outcome}`);
      },
    }),
    [JOBS.rebuildIndex]: defineJob({
      schema: z.object({}),
      leaseMs: 5 * 60_000,
      run: async (_payload, ctx) => {
        const { relatedChanged } = await rebuildDiscoveryIndex(
          db,
          (phase, done, total) => void ctx.progress(done, total, phase).catch(() => undefined),
        );
        await pages.invalidate(relatedChanged.map(pageTags.related));
      },
    }),
    // Rows from before descriptions and word counts were stored get theirs, 500 per transaction.
    [JOBS.textFacts]: defineJob({
      schema: z.object({}),
      leaseMs: 5 * 60_000,
      run: async (_payload, ctx) => {
        let filled = 0;
        for (let n = await backfillTextFacts(db); n > 0; n = await backfillTextFacts(db)) {
          filled += n;
          await ctx.progress(filled, filled + 1, "filling descriptions and word counts");
        }
        await ctx.progress(1, 1, `Filled the description and word count of ${filled} articles.`);
      },
    }),
    // A published, updated or withdrawn article's search entry and related lists, after the write
    // committed; the pages showing a list it rewrote are dropped (discovery/reindex-job.ts).
    [JOBS.reindex]: defineJob({
      schema: reindexPayload,
      leaseMs: 60_000,
      run: async ({ articleIds }, ctx) => {
        const changed = await runReindex(db, articleIds, ctx.job.attempts > 1, ctx.job.id);
        await pages.invalidate(changed.map(pageTags.related));
        await ctx.progress(1, 1, `Re-indexed ${articleIds.length}; ${changed.length} related lists changed.`);
      },
    }),
    // A scheduled publication: publishes only if the article is still scheduled for that time.
    [JOBS.publishArticle]: defineJob({
      schema: z.object({ articleId: z.number().int().positive(), at: z.iso.datetime(), alert: z.boolean().optional() }),
      run: async ({ articleId, at, alert }, ctx) => {
        const outcome = await changeArticle({ db, pages }, articleId, () =>
          publishScheduled({ db, now: deps.now(), timeZone: config.timeZone }, articleId, at, alert),
        );
        await ctx.progress(1, 1, outcome);
      },
    }),
    [JOBS.cleanUploads]: defineJob({
      schema: z.object({}),
      run: async (_payload, ctx) => {
        const { removed } = await removeAbandonedUploads({ db, storage }, deps.now());
        await ctx.progress(1, 1, `Removed ${removed} abandoned video uploads.`);
      },
    }),
    // What has been in the trash 30 days goes for good, with its files (docs/adr/025).
    [JOBS.purgeTrash]: defineJob({
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
    [JOBS.compose]: defineJob({
      schema: z.object({ newsletter: z.literal(MORNING_HEADLINES), editionDate: z.iso.date().optional() }),
      run: async ({ editionDate }, ctx) => {
        // A compose caught up after a day's downtime is for a day that has gone: leave it.
        if (editionDate && editionDate !== zonedIsoDate(deps.now(), config.timeZone)) {
          await ctx.progress(1, 1, `Skipped: the ${editionDate} edition's time has passed.`);
          return;
        }
        const result = await db
          .transaction()
          .execute((trx) => composeMorningHeadlines(trx, { now: deps.now(), timeZone: config.timeZone }));
        // An empty news day makes no edition and no email; the note stays on the job for the newsroom.
        if (result.status === "empty")
          await ctx.progress(1, 1, "Nothing was published in the last 24 hours: no edition today.");
        else if (result.status === "composed")
          await ctx.progress(1, 1, `Composed with ${plural(result.items, "story", "stories")}.`);
      },
    }),
    [JOBS.send]: defineJob({
      schema: z.object({
        newsletter: z.literal(MORNING_HEADLINES),
        editionDate: z.iso.date(),
      }),
      // Longer than the SMTP socket timeout (30 s), so a slow server never looks like a dead sender;
      // progress after every message renews it.
      leaseMs: 60_000,
      run: async ({ newsletter, editionDate }, ctx) => {
        // A send caught up late the same day still goes (better late than never); yesterday's does not.
        if (editionDate !== zonedIsoDate(deps.now(), config.timeZone)) {
          await ctx.progress(1, 1, `Skipped: the ${editionDate} edition's day has passed.`);
          return;
        }
        // Composed at 05:30 normally; compose now if that did not happen (a restart in between).
        await db
          .transaction()
          .execute((trx) => composeMorningHeadlines(trx, { now: deps.now(), timeZone: config.timeZone }));
        const result = await sendEdition(sendDeps, {
          newsletter,
          editionDate,
          onProgress: (done, total) => {
            deps.onSendProgress?.(done, total);
            void ctx.progress(done, total, "sending").catch(() => undefined);
          },
        });
        // The note the newsroom shows beside the newsletter.
        await ctx.progress(1, 1, morningNote(result));
      },
    }),
  };
}

function morningNote(result: SendResult): string {
  if (result.status === "missing") return "Nothing was published in the last 24 hours: no edition today.";
  if (result.status === "empty") return "Every story in the edition was unpublished or cut: nothing sent.";
  return describeSend(result, "edition");
}

/** A newsletter's send time as the newsroom set it (newsletters.send_cron; null: not scheduled). */
export interface NewsletterSchedule {
  slug: string;
  sendCron: string | null;
}

export async function loadNewsletterSchedules(db: Kysely<Database>): Promise<NewsletterSchedule[]> {
  const rows = await db
    .selectFrom("newsletters")
    .select(["slug", "send_cron", "kind"])
    .where("kind", "!=", "alert")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ slug: r.slug, sendCron: r.send_cron }));
}

/**
 * Every schedule of the app: the fixed ones, then one send per scheduled newsletter. The Morning
 * Headlines and the Video newsletter keep their own jobs; every other newsletter is a digest,
 * scheduled under its own key (`newsletter.digest:<slug>@<time>`) so two at the same minute are two jobs.
 */
export function jobSchedules(
  config: Config,
  newsletters: NewsletterSchedule[],
  options: { wire?: boolean } = {},
): Schedule[] {
  const tz = config.timeZone;
  const schedules: Schedule[] = [
    { name: JOBS.cleanUploads, cron: "30 3 * * *", timeZone: tz },
    { name: JOBS.purgeTrash, cron: "50 3 * * *", timeZone: tz },
    { name: JOBS.pruneJobs, cron: "45 3 * * *", timeZone: tz },
    // The wire's minute tick only while there is a provider to poll (no job a minute for nothing).
    ...(options.wire ? wireSchedules(tz) : []),
    {
      name: JOBS.compose,
      cron: "30 5 * * *",
      timeZone: tz,
      payload: (fireTime) => ({ newsletter: MORNING_HEADLINES, editionDate: zonedIsoDate(fireTime, tz) }),
    },
  ];
  for (const { slug, sendCron } of newsletters) {
    if (!sendCron) continue;
    if (slug === MORNING_HEADLINES) {
      schedules.push({
        name: JOBS.send,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ newsletter: MORNING_HEADLINES, editionDate: zonedIsoDate(fireTime, tz) }),
      });
    } else if (slug === "video") {
      schedules.push({
        name: JOBS.video,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ editionDate: zonedIsoDate(fireTime, tz) }),
      });
    } else if (!BUILT_IN_NEWSLETTERS.has(slug)) {
      schedules.push({
        name: JOBS.digest,
        key: `${JOBS.digest}:${slug}`,
        cron: sendCron,
        timeZone: tz,
        payload: (fireTime) => ({ newsletter: slug, editionDate: zonedIsoDate(fireTime, tz) }),
      });
    }
  }
  return schedules;
}

export async function createJobRunner(
  deps: JobDeps & {
    logger?: JobLogger;
    pollMs?: number;
    schedules?: boolean;
    observe?: JobRunnerOptions<Database>["observe"];
  },
) {
  // The handlers ask the runner whether it is stopping; it is made just below, before any handler runs.
  const stopping = { now: () => false };
  const runnerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const runner = new JobRunner<Database>({
    db: deps.db,
    runnerId,
    handlers: await jobHandlers({ ...deps, runnerId, stopping: () => stopping.now() }),
    // Send times come from the newsroom's settings, read again every minute: a changed send time or
    // a new newsletter takes effect without a restart.
    schedules:
      deps.schedules === false
        ? []
        : async () =>
            jobSchedules(deps.config, await loadNewsletterSchedules(deps.db), {
              wire: await hasWireProviders(deps.db),
            }),
    concurrency: 2,
    pollMs: deps.pollMs ?? 1000,
    now: deps.now,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.observe ? { observe: deps.observe } : {}),
  });
  stopping.now = () => runner.isStopping;
  return runner;
}
