import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import { TEXT_FACTS_JOB, articleJobHandlers } from "./articles/article-jobs.js";
import { PUSH_JOB } from "./banner/banner.service.js";
import type { Database, Db } from "./database.js";
import { REBUILD_INDEX_JOB, discoveryJobHandlers } from "./discovery/discovery-job-handlers.js";
import { REINDEX_JOB } from "./discovery/reindex-job.js";
import { setMediaPublicUrl } from "./media/image.js";
import { NEWSLETTER_JOB_NAMES } from "./newsletters/job-names.js";
import { newsletterJobHandlers } from "./newsletters/newsletter-job-handlers.js";
import { newsletterLinks } from "./newsletters/newsletter-links.js";
import {
  type NewsletterSchedule,
  loadNewsletterSchedules,
  newsletterSchedules,
} from "./newsletters/newsletter-schedules.js";
import { DELIVER_JOB } from "./newsletters/resume-edition.js";
import type { EditionMailer } from "./newsletters/send-edition.js";
import { BREAKING_ALERT_JOB, PUBLISH_JOB } from "./newsroom/articles/workflow.js";
import { newsroomJobHandlers } from "./newsroom/newsroom-jobs.js";
import { NOTIFY_JOB } from "./newsroom/notifications/notify.js";
import { PURGE_JOB } from "./newsroom/trash/purge.js";
import type { PageInvalidator } from "./platform/cache/page-invalidator.js";
import type { Config } from "./platform/config.js";
import type { JobLogger } from "./platform/jobs/job-logger.js";
import { JobRunner, type JobRunnerOptions } from "./platform/jobs/job-runner.js";
import { PRUNE_JOB, pruneJobHandlers } from "./platform/jobs/prune-job.js";
import type { Schedule } from "./platform/jobs/schedule.js";
import { loadSigner } from "./platform/signing.js";
import { createStorage } from "./platform/storage/create-storage.js";
import type { DeliverOptions } from "./platform/webhooks/deliver.js";
import { DELIVER_JOB as WEBHOOK_DELIVER_JOB } from "./platform/webhooks/webhook-events.js";
import { webhookJobHandlers } from "./platform/webhooks/webhook-job.js";
import { pushJobHandlers } from "./push/push-job.js";
import { VIDEO_UPLOADS_CLEANUP_JOB } from "./videos/upload/upload-cleanup.js";
import { VIDEO_PROCESS_JOB } from "./videos/upload/video-upload.js";
import { videoJobHandlers } from "./videos/video-jobs.js";
import { WIRE_JOBS, hasWireProviders, wireJobHandlers, wireSchedules } from "./wire/wire-jobs.js";

// Every background job of the app, by name, and the schedules that enqueue them (docs/adr/007).
// The same registry runs embedded in the web process (server.ts) or in a worker. Each domain owns
// its jobs' names and handlers; this file lists them and gives them what they need.

export const JOBS = {
  rebuildIndex: REBUILD_INDEX_JOB,
  reindex: REINDEX_JOB,
  textFacts: TEXT_FACTS_JOB,
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
  pruneJobs: PRUNE_JOB,
  webhookDeliver: WEBHOOK_DELIVER_JOB,
  ...WIRE_JOBS,
} as const;

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
  /** Where long reads go (DatabaseHandle.reader): the re-index job ranks related lists there. */
  reader?: Db;
  /** The runner the handlers run in: an edition's send lease names it (docs/adr/032). */
  runnerId?: string;
}

/** Webhook deliveries a runner makes at once (docs/adr/033). */
export const WEBHOOK_DELIVERIES_AT_ONCE = 8;

const NO_PAGES: PageInvalidator = { invalidate: async () => undefined };

export async function jobHandlers(deps: JobDeps) {
  const { db, config, now } = deps;
  const pages = deps.pages ?? NO_PAGES;
  const links = newsletterLinks(config.siteUrl, await loadSigner(db), { now });
  setMediaPublicUrl(config.mediaPublicUrl);
  const storage = createStorage(config);
  const sendDeps = {
    db,
    mailer: deps.mailer,
    links,
    site: { name: config.siteName, url: config.siteUrl, timeZone: config.timeZone },
    now,
    pages,
    ...(deps.stopping ? { stopping: deps.stopping } : {}),
    ...(deps.onMessage ? { onMessage: deps.onMessage } : {}),
    ...(deps.runnerId ? { runnerId: deps.runnerId } : {}),
  };
  return {
    ...wireJobHandlers({
      db,
      now,
      retentionDays: config.wireRetentionDays,
      allowedHosts: new Set(config.wireAllowedHosts),
    }),
    ...pruneJobHandlers({ db, now }),
    ...videoJobHandlers({
      db,
      storage,
      tools: { ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath },
      now,
      pages,
    }),
    ...pushJobHandlers({ db, now, siteUrl: config.siteUrl, vapidSubject: config.vapidSubject }),
    ...newsletterJobHandlers(sendDeps, deps.onSendProgress),
    ...newsroomJobHandlers({ ...sendDeps, storage }),
    ...articleJobHandlers({ db }),
    ...webhookJobHandlers({ db, now, options: deps.webhooks }),
    ...discoveryJobHandlers({ db, reader: deps.reader, pages }),
  };
}

/** Every schedule of the app: the fixed ones, then the newsletters' (newsletters/newsletter-schedules.ts). */
export function jobSchedules(
  config: Config,
  newsletters: NewsletterSchedule[],
  options: { wire?: boolean } = {},
): Schedule[] {
  const tz = config.timeZone;
  return [
    { name: JOBS.cleanUploads, cron: "30 3 * * *", timeZone: tz },
    { name: JOBS.purgeTrash, cron: "50 3 * * *", timeZone: tz },
    { name: JOBS.pruneJobs, cron: "45 3 * * *", timeZone: tz },
    // The wire's minute tick only while there is a provider to poll (no job a minute for nothing).
    ...(options.wire ? wireSchedules(tz) : []),
    ...newsletterSchedules(tz, newsletters),
  ];
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
    // A webhook's delivery mostly waits on the receiver: eight at a time, beside the other jobs, so a
    // burst of events is neither delivered two at a time nor ahead of a scheduled publication.
    groups: [{ names: [JOBS.webhookDeliver], concurrency: WEBHOOK_DELIVERIES_AT_ONCE }],
    pollMs: deps.pollMs ?? 1000,
    now: deps.now,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.observe ? { observe: deps.observe } : {}),
  });
  stopping.now = () => runner.isStopping;
  return runner;
}
