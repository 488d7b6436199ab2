import cluster from "node:cluster";
import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { JOBS, createJobRunner } from "./jobs.js";
import { newsletterLinks } from "./newsletters/newsletter-links.js";
import { startNewsletterMailboxes } from "./newsletters/bounce-mailbox.js";
import { buildPageLayer, railsIntervalMs } from "./page-layer.js";
import type { PageInvalidator } from "./pages/page-layer.js";
import { loadConfig } from "./platform/config.js";
import { gracefulClose } from "./platform/http/graceful-close.js";
import { enqueue } from "./platform/jobs/job.queries.js";
import type { JobLogger } from "./platform/jobs/job-logger.js";
import type { InboundLogger } from "./platform/mail/inbound.js";
import { type Mailer, createMailer } from "./platform/mail/mailer.js";
import { loadSigner } from "./platform/signing.js";
import { checkDataDir, checkPortFree, describeStartupError, listenError } from "./platform/startup.js";
import { recordSiteUrl } from "./platform/site-url.js";
import { checkStorageAtStartup } from "./platform/storage/create-storage.js";

// One process by default. WEB_CONCURRENCY=N runs N worker processes sharing the port (node:cluster);
// the primary migrates and seeds first, so workers only ever read a ready database, and then runs
// the background jobs (docs/adr/007) and the unsubscribe mailbox (INBOUND_SMTP_PORT, one listener)
// while the workers serve pages.

const config = await orExit(() => loadConfig());

/** Job logs in the primary of a cluster, as JSON lines like the workers' pino logs. */
const jsonLogger: JobLogger = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 30, ...obj, msg })),
  warn: (obj, msg) => console.log(JSON.stringify({ level: 40, ...obj, msg })),
  error: (obj, msg) => console.log(JSON.stringify({ level: 50, ...obj, msg })),
};

if (cluster.isPrimary) {
  const { handle, migrations, seeded } = await orExit(async () => {
    // Checked before anything is written: a port in use is found before migrating and seeding.
    await checkPortFree(config.host, config.port);
    checkDataDir(config.dataDir);
    // A wrong S3_BUCKET or key stops here, before the demo's files would be written to it.
    const storageWarning = await checkStorageAtStartup(config);
    if (storageWarning) jsonLogger.warn({}, storageWarning);
    const handle = openDatabase(config);
    try {
      return { handle, ...(await prepareDatabase(handle, config)) };
    } catch (err) {
      await handle.destroy().catch(() => undefined);
      throw err;
    }
  });
  await recordSiteUrl(handle.db, config.siteUrl); // every other process's emails link here (the CLI's too)
  if (config.workers > 1) {
    console.log(JSON.stringify({ level: 30, msg: `starting ${config.workers} workers`, migrations, seeded }));
    for (let i = 0; i < config.workers; i++) cluster.fork();
    cluster.on("exit", (worker, code, signal) => {
      if (signal !== "SIGTERM" && signal !== "SIGINT" && code !== 0) cluster.fork();
    });
    const mailer = createMailer(config);
    // No pages here, but the jobs' writes (a scheduled publication) still purge the CDN, rails included.
    const pages = buildPageLayer({
      config: { ...config, pageCacheBytes: 0 },
      db: handle.db,
      now: () => new Date(),
      log: jsonLogger,
    });
    pages.startRails(railsIntervalMs(config));
    const runner = await startJobs(handle, mailer, jsonLogger, pages);
    const inbound = await startInbound(handle, jsonLogger);
    onShutdown(async () => {
      await inbound?.close();
      await runner.stop();
      await mailer.close();
      await handle.destroy();
    });
  } else {
    await serve(handle, { migrations, seeded });
  }
} else {
  await serve(openDatabase(config), { migrations: [], seeded: false });
}

async function serve(handle: ReturnType<typeof openDatabase>, prepared: { migrations: string[]; seeded: boolean }) {
  const mailer = createMailer(config);
  // One page layer for the pages and the jobs of this process: a scheduled publication drops what it changed.
  const pages = buildPageLayer({ config, db: handle.db, now: () => new Date(), log: jsonLogger });
  const app = await buildApp({ config, db: handle.db, mailer, pages });
  if (prepared.migrations.length) app.log.info({ migrations: prepared.migrations }, "database migrated");
  if (prepared.seeded) app.log.info("demo newsroom seeded");
  const closeHttp = gracefulClose(app, { deadlineMs: config.shutdownTimeoutMs });
  await orExit(() =>
    app.listen({ port: config.port, host: config.host }).catch((err: unknown) => {
      throw listenError(err, config.host, config.port);
    }),
  );
  app.log.info(`${config.siteName} is at ${config.siteUrl} (${handle.dialect})`);
  const runner = cluster.isPrimary ? await startJobs(handle, mailer, app.log, pages) : undefined;
  const inbound = cluster.isPrimary ? await startInbound(handle, app.log) : undefined;
  onShutdown(async () => {
    app.log.info("shutting down");
    await inbound?.close();
    pages.fastPath?.stop(); // stored pages then go through Fastify too, marked Connection: close
    const { cut } = await closeHttp();
    if (cut)
      app.log.warn(`requests still running after SHUTDOWN_TIMEOUT (${config.shutdownTimeoutMs / 1000} s) were cut`);
    await runner?.stop();
    await mailer.close();
    await handle.destroy();
  });
}

/**
 * The job runner with the app's schedules. A database that has articles but no discovery index
 * (one upgraded from before search existed) gets it built in the background, with progress.
 */
async function startJobs(
  handle: ReturnType<typeof openDatabase>,
  mailer: Mailer,
  logger: JobLogger,
  pages?: PageInvalidator,
) {
  const runner = await createJobRunner({
    db: handle.db,
    config,
    mailer,
    now: () => new Date(),
    logger,
    ...(pages ? { pages } : {}),
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
  runner.start();
  return runner;
}

/** The SMTP listener for List-Unsubscribe's mailto and the bounce address, when INBOUND_SMTP_PORT is set. */
async function startInbound(handle: ReturnType<typeof openDatabase>, logger: InboundLogger) {
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

/** Runs a start-up step; a fault the operator can fix ends the process with one line saying what to do. */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const line = describeStartupError(err, process.env.DATABASE_URL || undefined);
    if (line === undefined) throw err;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}

/** Runs `fn` on SIGINT or SIGTERM, then exits; whatever still hangs after the deadline is left behind. */
function onShutdown(fn: () => Promise<void>) {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      setTimeout(() => {
        console.error(`still stopping ${config.shutdownTimeoutMs / 1000 + 5} s after ${signal}: exiting now`);
        process.exit(1);
      }, config.shutdownTimeoutMs + 5_000).unref();
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
