import { prepareDatabase } from "./bootstrap.js";
import { openDatabase } from "./database.js";
import { RAILS_INTERVAL_MS } from "./page-layer.js";
import type { Config } from "./platform/config.js";
import { createMailer } from "./platform/mail/mailer.js";
import { createMetrics } from "./platform/metrics/metrics.js";
import { startMetricsListener, watchProcess } from "./platform/metrics/metrics-listener.js";
import { loadRecordedSiteUrl, recordSiteUrl } from "./platform/site-url.js";
import { checkDataDir } from "./platform/startup.js";
import { readiness } from "./platform/http/health.routes.js";
import { closeStorage, createStorage } from "./platform/storage/create-storage.js";
import { connectedPageLayer, jsonLogger, onShutdown, startInbound, startJobs } from "./roles.js";

// `london-daily worker`: the job runner (and the inbound mailbox with INBOUND_SMTP_PORT) without
// pages. Any number run at once on one PostgreSQL database: each job is claimed by one runner
// (SKIP LOCKED), each schedule occurrence is enqueued once (its key), migrations run under the
// start-up lock. Its writes (a scheduled publication, an edition going public) purge the CDN and
// reach every web instance's cache through the bus. SIGTERM: it takes no new job, lets each running
// one finish its current step (a newsletter send, the messages in flight) and gives the rest back
// to the queue, then exits 0.

export async function runWorker(config: Config, out: (line: string) => void): Promise<number> {
  checkDataDir(config.dataDir);
  const handle = openDatabase(config);
  const prepared = await prepareDatabase(handle, config);
  if (prepared.migrations.length)
    out(JSON.stringify({ level: 30, msg: "database migrated", migrations: prepared.migrations }));
  // The emails' links: this worker's SITE_URL when set (recorded, as the server does), else the site's.
  const recorded = await loadRecordedSiteUrl(handle.db);
  if (process.env.SITE_URL?.trim()) await recordSiteUrl(handle.db, config.siteUrl);
  else if (recorded) config = { ...config, siteUrl: recorded };
  else {
    await handle.destroy();
    out("No site address for the emails' links: set SITE_URL, or start a web instance once (it records its own).");
    return 1;
  }
  // Without Redis a worker reaches no web instance's cache: one process (npm start) does both then.
  if (!config.redisUrl)
    out(
      JSON.stringify({
        level: 40,
        msg: "no REDIS_URL: this worker's writes (a scheduled publication) reach the web instances' cached pages only as they expire (5 minutes); set REDIS_URL, or run the jobs in the web process",
      }),
    );
  config = { ...config, workers: 1 };
  const metrics = createMetrics("worker");
  const {
    pages,
    bus,
    close: closeBus,
  } = await connectedPageLayer(config, handle, jsonLogger, {
    cache: false,
    metrics,
  });
  pages.startRails(RAILS_INTERVAL_MS);
  const mailer = createMailer(config);
  const runner = await startJobs(handle, config, mailer, jsonLogger, pages, metrics);
  const inbound = await startInbound(handle, config, jsonLogger);
  watchProcess(metrics, handle);
  // Its /healthz reports what its jobs need: the database, Redis, and the media store (video work).
  const storage = createStorage(config);
  const health = {
    checkDatabase: () => handle.db.selectFrom("jobs").select("id").limit(1).execute(),
    checkRedis: bus.kind === "redis" ? () => bus.check() : undefined,
    checkStorage: () => storage.check(),
  };
  const listener = config.metricsListen
    ? await startMetricsListener(config.metricsListen, metrics, () => readiness(health, jsonLogger))
    : undefined;
  out(
    JSON.stringify({
      level: 30,
      msg: `worker running jobs (${handle.dialect}, ${bus.kind} bus)${config.inboundSmtp ? `, mailbox on port ${config.inboundSmtp.port}` : ""}${listener ? `, metrics on port ${listener.port}` : ""}`,
    }),
  );
  return new Promise<number>((resolve) => {
    onShutdown(async () => {
      jsonLogger.info({}, "worker stopping: no new jobs; running ones finish their current step");
      await inbound?.close();
      await runner.stop();
      pages.stop();
      await listener?.close();
      closeStorage(storage);
      await closeBus();
      await mailer.close();
      await handle.destroy();
      resolve(0);
    }, config.shutdownTimeoutMs + 5_000);
  });
}
