import cluster from "node:cluster";
import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { RAILS_INTERVAL_MS } from "./page-layer.js";
import { loadConfig } from "./platform/config.js";
import { gracefulClose } from "./platform/http/graceful-close.js";
import { createMailer } from "./platform/mail/mailer.js";
import { createMetrics } from "./platform/metrics/metrics.js";
import { startMetricsListener, watchProcess } from "./platform/metrics/metrics-listener.js";
import { checkDataDir, checkPortFree, describeStartupError, listenError } from "./platform/startup.js";
import { recordSiteUrl } from "./platform/site-url.js";
import { createLiveHub } from "./live/live-setup.js";
import { BannerBoard } from "./banner/banner-board.js";
import { bannerTopic } from "./banner/banner-setup.js";
import { checkStorageAtStartup } from "./platform/storage/create-storage.js";
import { connectedPageLayer, jsonLogger, onShutdown, sharedLimits, startInbound, startJobs } from "./roles.js";

// One process by default: pages, jobs and the inbound mailbox. WEB_CONCURRENCY=N runs N worker
// processes sharing the port (node:cluster); the primary migrates and seeds first, so workers only
// ever read a ready database, and then runs the background jobs (docs/adr/007) and the inbound
// mailbox while the workers serve pages. RUN_JOBS=false leaves the jobs and the mailbox to
// `london-daily worker` processes (docs/deploy.md). Writes reach every process's page cache through
// the bus: Redis with REDIS_URL, else the cluster's primary (docs/adr/023).

const config = await orExit(() => loadConfig());
const graceMs = config.shutdownTimeoutMs + 5_000;

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
    // The bus first: the primary relays the workers' invalidations when there is no Redis.
    const metrics = createMetrics(config.runJobs ? "all" : "web");
    const { pages, close: closeBus } = await connectedPageLayer(config, handle, jsonLogger, { cache: false, metrics });
    for (let i = 0; i < config.workers; i++) cluster.fork();
    let stopping = false;
    cluster.on("exit", (worker, code, signal) => {
      if (!stopping && signal !== "SIGTERM" && signal !== "SIGINT" && code !== 0) cluster.fork();
    });
    const mailer = createMailer(config);
    // No pages here, but the jobs' writes (a scheduled publication) still purge the CDN and reach the workers.
    pages.startRails(RAILS_INTERVAL_MS);
    const runner = config.runJobs ? await startJobs(handle, config, mailer, jsonLogger, pages, metrics) : undefined;
    const inbound = config.runJobs ? await startInbound(handle, config, jsonLogger) : undefined;
    watchProcess(metrics, handle);
    const listener = config.metricsListen ? await startMetricsListener(config.metricsListen, metrics) : undefined;
    onShutdown(async () => {
      stopping = true;
      await inbound?.close();
      await runner?.stop();
      pages.stop();
      await listener?.close();
      await closeBus();
      await mailer.close();
      await handle.destroy();
    }, graceMs);
  } else {
    await serve(handle, { migrations, seeded });
  }
} else {
  await serve(openDatabase(config), { migrations: [], seeded: false });
}

async function serve(handle: ReturnType<typeof openDatabase>, prepared: { migrations: string[]; seeded: boolean }) {
  const runsJobs = cluster.isPrimary && config.runJobs;
  const metrics = createMetrics(runsJobs ? "all" : "web");
  const mailer = createMailer(config);
  // One page layer for the pages and the jobs of this process: a scheduled publication drops what it changed.
  const {
    pages,
    bus,
    close: closeBus,
  } = await connectedPageLayer(config, handle, jsonLogger, { cache: true, metrics });
  const shared = sharedLimits(config, jsonLogger);
  // Live entries reach streams on every instance through the same bus.
  // The banner travels on the same hub, as its site-wide topic (docs/adr/035).
  const banner = new BannerBoard(handle.db, () => new Date());
  const live = createLiveHub({
    bus,
    db: handle.db,
    timeZone: config.timeZone,
    pages,
    log: jsonLogger,
    site: bannerTopic(banner, pages, jsonLogger),
  });
  const app = await buildApp({
    config,
    db: handle.db,
    reader: handle.reader,
    mailer,
    pages,
    metrics,
    bus,
    limits: shared.limits,
    beaconLimit: shared.beaconLimit,
    live,
    banner,
  });
  if (prepared.migrations.length) app.log.info({ migrations: prepared.migrations }, "database migrated");
  if (prepared.seeded) app.log.info("demo newsroom seeded");
  const closeHttp = gracefulClose(app, { deadlineMs: config.shutdownTimeoutMs });
  await orExit(() =>
    app.listen({ port: config.port, host: config.host }).catch((err: unknown) => {
      throw listenError(err, config.host, config.port);
    }),
  );
  app.log.info(
    `${config.siteName} is at ${config.siteUrl} (${handle.dialect}${bus.kind === "local" ? "" : `, ${bus.kind} bus`})`,
  );
  watchProcess(metrics, handle);
  const listener =
    config.metricsListen && cluster.isPrimary ? await startMetricsListener(config.metricsListen, metrics) : undefined;
  const runner = runsJobs ? await startJobs(handle, config, mailer, app.log, pages, metrics) : undefined;
  const inbound = runsJobs ? await startInbound(handle, config, app.log) : undefined;
  onShutdown(async () => {
    app.log.info("shutting down");
    await inbound?.close();
    pages.fastPath?.stop(); // stored pages then go through Fastify too, marked Connection: close
    live.close(); // open live streams end now; their browsers reconnect to another instance
    // Requests and the claimed jobs' current steps finish side by side.
    const [{ cut }] = await Promise.all([closeHttp(), runner?.stop()]);
    if (cut)
      app.log.warn(`requests still running after SHUTDOWN_TIMEOUT (${config.shutdownTimeoutMs / 1000} s) were cut`);
    await listener?.close();
    await closeBus();
    await shared.close();
    await mailer.close();
    await bus.close();
    await handle.destroy();
  }, graceMs);
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
