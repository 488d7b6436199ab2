import cluster from "node:cluster";
import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { JOBS, createJobRunner } from "./jobs.js";
import { newsletterLinks } from "./newsletters/newsletter-links.js";
import { startUnsubscribeMailbox } from "./newsletters/unsubscribe-mailbox.js";
import { buildPageLayer, railsIntervalMs } from "./page-layer.js";
import type { PageInvalidator } from "./pages/page-layer.js";
import { loadConfig } from "./platform/config.js";
import { enqueue } from "./platform/jobs/job.queries.js";
import type { JobLogger } from "./platform/jobs/job-logger.js";
import type { InboundLogger } from "./platform/mail/inbound.js";
import { type Mailer, createMailer } from "./platform/mail/mailer.js";
import { loadSigner } from "./platform/signing.js";

// One process by default. WEB_CONCURRENCY=N runs N worker processes sharing the port (node:cluster);
// the primary migrates and seeds first, so workers only ever read a ready database, and then runs
// the background jobs (docs/adr/007) and the unsubscribe mailbox (INBOUND_SMTP_PORT, one listener)
// while the workers serve pages.

const config = loadConfig();

/** Job logs in the primary of a cluster, as JSON lines like the workers' pino logs. */
const jsonLogger: JobLogger = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 30, ...obj, msg })),
  warn: (obj, msg) => console.log(JSON.stringify({ level: 40, ...obj, msg })),
  error: (obj, msg) => console.log(JSON.stringify({ level: 50, ...obj, msg })),
};

if (cluster.isPrimary) {
  const handle = openDatabase(config);
  const { migrations, seeded } = await prepareDatabase(handle, config);
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
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`${config.siteName} is at ${config.siteUrl} (${handle.dialect})`);
  const runner = cluster.isPrimary ? await startJobs(handle, mailer, app.log, pages) : undefined;
  const inbound = cluster.isPrimary ? await startInbound(handle, app.log) : undefined;
  onShutdown(async () => {
    app.log.info("shutting down");
    await inbound?.close();
    await app.close();
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

/** The SMTP listener for List-Unsubscribe's mailto, when INBOUND_SMTP_PORT is set. */
async function startInbound(handle: ReturnType<typeof openDatabase>, logger: InboundLogger) {
  if (!config.inboundSmtp) return undefined;
  const links = newsletterLinks(config.siteUrl, await loadSigner(handle.db));
  return startUnsubscribeMailbox(
    { db: handle.db, links, siteUrl: config.siteUrl, now: () => new Date(), logger },
    config.inboundSmtp,
  );
}

function onShutdown(fn: () => Promise<void>) {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      void fn().then(() => process.exit(0));
    });
  }
}
