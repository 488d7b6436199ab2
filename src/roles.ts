import { type BeaconLimit, sharedBeaconLimit } from "./audience/beacon-limit.js";
import type { Database } from "./database.js";
import type { openDatabase } from "./database.js";
import { JOBS, createJobRunner } from "./jobs.js";
import { newsletterLinks } from "./newsletters/newsletter-links.js";
import { startNewsletterMailboxes } from "./newsletters/bounce-mailbox.js";
import { buildPageLayer } from "./page-layer.js";
import { fanOutPages } from "./pages/page-fanout.js";
import type { PageLayer } from "./pages/page-layer.js";
import type { PageInvalidator } from "./platform/cache/page-invalidator.js";
import { Redis } from "ioredis";
import { type Bus, openBus } from "./platform/bus/index.js";
import { type Limits, memoryLimits, redisLimits } from "./platform/http/shared-limits.js";
import type { Config } from "./platform/config.js";
import { enqueue } from "./platform/jobs/job.queries.js";
import type { JobLogger } from "./platform/jobs/job-logger.js";
import type { InboundLogger } from "./platform/mail/inbound.js";
import type { Mailer } from "./platform/mail/mailer.js";
import { loadSigner } from "./platform/signing.js";
import type { Metrics } from "./platform/metrics/metrics.js";

// What a process does (docs/deploy.md): serve pages (server.ts), run the jobs and the inbound
// mailbox (RUN_JOBS, or `london-daily worker`: worker.ts), or both (the default). The pieces both
// need are here.

type Handle = ReturnType<typeof openDatabase>;

/** Job logs outside Fastify (a cluster's primary, a worker), as JSON lines like pino's. */
export const jsonLogger: JobLogger & InboundLogger = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), ...obj, msg })),
  warn: (obj, msg) => console.log(JSON.stringify({ level: 40, time: Date.now(), ...obj, msg })),
  error: (obj, msg) => console.log(JSON.stringify({ level: 50, time: Date.now(), ...obj, msg })),
};

/**
 * The bus this process shares invalidation on, and its page layer connected to it: Redis when
 * REDIS_URL is set, else the processes of this machine's cluster (WEB_CONCURRENCY > 1), else none.
 */
export async function connectedPageLayer(
  config: Config,
  handle: Handle,
  log: JobLogger,
  options: { cache: boolean; metrics?: Metrics | undefined },
): Promise<{ pages: PageLayer; bus: Bus; close: () => Promise<void> }> {
  const bus = await openBus(config.redisUrl, log, config.redisPrefix, { cluster: config.workers > 1 });
  const pages = buildPageLayer({
    config: options.cache ? config : { ...config, pageCacheBytes: 0 },
    db: handle.db,
    now: () => new Date(),
    log,
  });
  const disconnect = fanOutPages(pages, bus, {
    log,
    received: () => options.metrics?.invalidationsReceived.inc(),
    dropped: (why) => {
      options.metrics?.cacheFullDrops.inc({ reason: why });
      log.warn({ reason: why }, "page cache dropped whole: invalidations from other processes may have been missed");
    },
  });
  await bus.ready();
  return {
    pages,
    bus,
    close: async () => {
      disconnect();
      await bus.close();
    },
  };
}

/**
 * Where this process counts sign-up and reset limits: Redis, shared by every instance, when
 * REDIS_URL is set (one connection of its own: the bus's subscriber can do nothing else); in memory
 * otherwise. Commands fail at once while Redis is away (no offline queue), so a limit falls back to
 * memory instead of holding the request.
 */
export function sharedLimits(
  config: Config,
  log: JobLogger,
): { limits: Limits; beaconLimit?: BeaconLimit; close: () => Promise<void> } {
  if (!config.redisUrl) return { limits: memoryLimits, close: async () => undefined };
  const redis = new Redis(config.redisUrl, {
    connectionName: `${config.redisPrefix.replace(/[^\w:.-]/g, "_")}state`,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on("error", () => undefined); // told once a minute by the limits that fall back
  const beaconLimit = sharedBeaconLimit(redis, config.redisPrefix);
  return {
    limits: redisLimits(redis, config.redisPrefix, log),
    beaconLimit,
    close: async () => {
      await beaconLimit.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The job runner with the app's schedules. A database that has articles but no discovery index
 * (one upgraded from before search existed) gets it built in the background, with progress.
 */
export async function startJobs(
  handle: Handle,
  config: Config,
  mailer: Mailer,
  logger: JobLogger,
  pages?: PageInvalidator,
  metrics?: Metrics,
) {
  const runner = await createJobRunner({
    db: handle.db,
    reader: handle.reader,
    config,
    mailer,
    now: () => new Date(),
    logger,
    ...(pages ? { pages } : {}),
    ...(metrics
      ? {
          observe: metrics.jobObserver,
          onMessage: (o: "sent" | "failed") => metrics.newsletterSends.inc({ outcome: o }),
        }
      : {}),
  });
  const indexed = await handle.db.selectFrom("term_stats").select("df").where("term", "=", "").executeTakeFirst();
  const published = await handle.db
    .selectFrom("articles")
    .select("id")
    .where("status", "=", "published")
    .limit(1)
    .executeTakeFirst();
  if (!indexed && published) {
    await enqueue(handle.db, JOBS.rebuildIndex, {}, { key: `${JOBS.rebuildIndex}@initial` });
    logger.info({}, "building the search and related-articles index in the background");
  }
  // Articles written before their description and word count were stored (migration 0017).
  const unfilled = await handle.db
    .selectFrom("articles")
    .select("id")
    .where("word_count", "is", null)
    .limit(1)
    .executeTakeFirst();
  const filling = await handle.db
    .selectFrom("jobs")
    .select("id")
    .where("name", "=", JOBS.textFacts)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  if (unfilled && !filling) await enqueue(handle.db, JOBS.textFacts, {});
  runner.start();
  return runner;
}

/** The SMTP listener for List-Unsubscribe's mailto and the bounce address, when INBOUND_SMTP_PORT is set. */
export async function startInbound(
  handle: { db: import("kysely").Kysely<Database> },
  config: Config,
  logger: InboundLogger,
) {
  if (!config.inboundSmtp) return undefined;
  const links = newsletterLinks(config.siteUrl, await loadSigner(handle.db));
  return startNewsletterMailboxes(
    {
      db: handle.db,
      links,
      siteUrl: config.siteUrl,
      bounceAddress: config.mailBounceAddress,
      now: () => new Date(),
      logger,
    },
    config.inboundSmtp,
  );
}

/**
 * Runs `fn` on SIGINT or SIGTERM, then exits; whatever still hangs `graceMs` after the signal is
 * left behind (exit code 1).
 */
export function onShutdown(fn: () => Promise<void>, graceMs: number) {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      setTimeout(() => {
        console.error(`still stopping ${graceMs / 1000} s after ${signal}: exiting now`);
        process.exit(1);
      }, graceMs).unref();
      void fn().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error("shutdown failed:", err);
          process.exit(1);
        },
      );
    });
  }
}
