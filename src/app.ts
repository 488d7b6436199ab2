import http from "node:http";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { registerContentApiRoutes } from "./api/content/content-api.routes.js";
import { appErrorHandler, registerNotFound } from "./app-errors.js";
import { flushCounters } from "./app-counters.js";
import { appSecurityHeaders, registerFiles, registerRequestGuards } from "./app-http.js";
import { startLive } from "./app-live.js";
import { registerNewsroomApis } from "./app-newsroom.js";
import { registerArticleRoutes } from "./articles/article.routes.js";
import { AudienceCounter } from "./audience/audience-counter.js";
import { registerBeaconRoutes } from "./audience/beacon.routes.js";
import { type BeaconLimit, memoryBeaconLimit } from "./audience/beacon-limit.js";
import { DailySalts } from "./audience/visitor.js";
import type { BannerBoard } from "./banner/banner-board.js";
import { registerBannerRoutes } from "./banner/banner.routes.js";
import { registerBriefingRoutes } from "./briefings/briefing.routes.js";
import type { Db } from "./database.js";
import { registerFeedRoutes } from "./discovery/feed.routes.js";
import { registerSitemapRoutes } from "./discovery/sitemap.routes.js";
import { ViewCounter } from "./discovery/view-counter.js";
import type { AdminApiOptions } from "./integrations/admin-api.js";
import { registerAdminApiDocs } from "./integrations/admin-api-docs.routes.js";
import type { LiveHub } from "./live/live-hub.js";
import { registerLiveStreamRoutes } from "./live/live-stream.routes.js";
import { setMediaPublicUrl } from "./media/image.js";
import { registerNewsletterRoutes } from "./newsletters/newsletter.routes.js";
import type { NewsroomDeps } from "./platform/admin/newsroom-deps.js";
import { registerNewsroomPage } from "./newsroom/newsroom.page.js";
import { registerPreviewRoutes } from "./newsroom/preview.routes.js";
import { RAILS_INTERVAL_MS, buildPageLayer } from "./page-layer.js";
import { resolveAssets } from "./pages/assets.js";
import { FastPath } from "./pages/fast-path.js";
import type { PageDeps } from "./pages/page-deps.js";
import type { PageLayer } from "./pages/page-layer.js";
import type { Bus } from "./platform/bus/bus.js";
import { localBus } from "./platform/bus/index.js";
import type { Config } from "./platform/config.js";
import { logSerializers } from "./platform/http/log-redaction.js";
import { registerHealthRoutes } from "./platform/http/health.routes.js";
import { registerMetricsRoute, requestId } from "./platform/http/observability.js";
import { parseQueryString } from "./platform/http/request-guard.js";
import type { Limits } from "./platform/http/shared-limits.js";
import { type Mailer, createMailer } from "./platform/mail/mailer.js";
import type { Metrics } from "./platform/metrics/metrics.js";
import { type Signer, loadSigner } from "./platform/signing.js";
import { closeStorage, createStorage } from "./platform/storage/create-storage.js";
import { registerPushRoutes } from "./push/push.routes.js";
import { vapidKeysLoader } from "./push/vapid-keys.js";
import { registerOldAddressHook } from "./redirects/redirect.routes.js";
import { registerSiteRoutes } from "./site/site.routes.js";
import { registerVideoPageRoutes } from "./videos/video.routes.js";

// The app, built from explicit dependencies (tests pass their own): the request's way through
// Fastify, then every domain's routes. server.ts listens; the parts live beside this file
// (app-http.ts, app-errors.ts, app-live.ts, app-counters.ts, app-newsroom.ts).

export interface AppDependencies {
  config: Config;
  db: Db;
  /** Where long reads go (DatabaseHandle.reader: SQLite's read threads): search. `db` when absent. */
  reader?: Db;
  /** The clock, injectable so tests can stand on either side of midnight or a clock change. */
  now?: () => Date;
  logger?: boolean;
  /** Where the request log goes (stdout unless given); tests read it. */
  logStream?: { write(line: string): void };
  /** The page-view counter; tests pass their own to flush it when they choose. */
  views?: ViewCounter;
  /** The audience desk's counter (beacons); tests pass their own to flush it when they choose. */
  audience?: AudienceCounter;
  /** Outgoing mail; made from the configuration (SMTP_URL, else the file outbox) when absent. */
  mailer?: Mailer;
  /** The page layer (cache, rails, CDN purge); made from the configuration when absent. */
  pages?: PageLayer;
  /** Prometheus metrics (server.ts makes them); without them /metrics is not served. */
  metrics?: Metrics;
  /** The bus invalidations travel on; readiness reports Redis through it. */
  bus?: Bus;
  /** Where sign-up and reset limits are counted (Redis with REDIS_URL); in this process when absent. */
  limits?: Limits;
  /** Beacons per address (shared through Redis with REDIS_URL); in this process when absent. */
  beaconLimit?: BeaconLimit;
  /** The Admin API's limits (calls per key per minute). */
  adminApi?: AdminApiOptions;
  /** The live blogs' stream fan-out; made on the bus when absent. server.ts makes its own to end streams first on shutdown. */
  live?: LiveHub;
  /** The breaking-news banner as this process serves it; pass the one the `live` hub was made with. */
  banner?: BannerBoard;
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const trust = config.trustProxy;
  let fastPath: FastPath | undefined;
  const app = Fastify({
    // A stored page is answered before routing (pages/fast-path.ts); everything else goes to Fastify.
    serverFactory: (handler) => http.createServer((req, res) => fastPath?.handle(req, res) || handler(req, res)),
    // The load balancer's id for the request (nginx: $request_id) when it sends a sane one, else ours
    // (platform/http/observability.ts reads X-Request-Id itself, to check it).
    genReqId: requestId,
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            serializers: logSerializers,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    // A hop count as Fastify itself reads one (its types take the function form only).
    trustProxy: typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust,
    bodyLimit: 64 * 1024,
    routerOptions: { querystringParser: parseQueryString, maxParamLength: 65536, ignoreTrailingSlash: true },
    // A URL the router cannot decode never reaches the hooks: it is answered like every other error.
    frameworkErrors: (error, req, reply) => void onError(error, req, reply),
  });
  const now = deps.now ?? (() => new Date());
  setMediaPublicUrl(config.mediaPublicUrl);
  const storage = createStorage(config);
  app.addHook("onClose", async () => closeStorage(storage));
  const views = deps.views ?? new ViewCounter(now);
  const pages = deps.pages ?? buildPageLayer({ config, db: deps.db, now, log: app.log });
  pages.startRails(RAILS_INTERVAL_MS);
  app.addHook("onClose", async () => pages.stop());
  const audience = deps.audience ?? new AudienceCounter(config.timeZone, now);
  const pageDeps: PageDeps = {
    db: deps.db,
    reader: deps.reader ?? deps.db,
    config,
    assets: resolveAssets(),
    now,
    views,
    pages,
    audience,
  };
  const bus = deps.bus ?? localBus(app.log);
  if (!deps.bus) app.addHook("onClose", () => bus.close());
  const { live, banner, bannerChanged } = await startLive(app, {
    db: deps.db,
    timeZone: config.timeZone,
    now,
    bus,
    pages,
    live: deps.live,
    banner: deps.banner,
  });
  flushCounters(app, { db: deps.db, views, audience, now });

  const securityHeaders = appSecurityHeaders(config);
  registerRequestGuards(app, securityHeaders);
  registerOldAddressHook(app, deps.db);
  const onError = appErrorHandler({ db: deps.db, pageDeps, securityHeaders });
  // Before any route: a route takes the error handler in force when it is added.
  app.setErrorHandler(onError);
  if (pages.cache) fastPath = pages.fastPath = new FastPath(pages.cache, securityHeaders, pages.cdnMaxAgeSeconds);
  if (fastPath) fastPath.slots = pages.slots;
  if (deps.metrics) registerMetricsRoute(app, { metrics: deps.metrics, token: config.metricsToken, pages });
  await app.register(compress, { threshold: 1024, encodings: ["br", "gzip"], brotliOptions: { params: { 1: 4 } } });
  await app.register(formbody, { bodyLimit: 32 * 1024 });
  await app.register(cookie);
  const trashed = await registerFiles(app, { config, db: deps.db, bus, storage });

  registerHealthRoutes(app, {
    checkDatabase: () => deps.db.selectFrom("sections").select("id").limit(1).execute(),
    checkRedis: bus.kind === "redis" ? () => bus.check() : undefined,
    checkStorage: () => storage.check(),
  });
  registerContentApiRoutes(app, pageDeps);
  registerBeaconRoutes(app, {
    audience,
    views,
    salts: new DailySalts(deps.db),
    siteHost: new URL(config.siteUrl).hostname,
    now,
    limit: deps.beaconLimit ?? memoryBeaconLimit(),
  });
  registerSitemapRoutes(app, pageDeps);
  registerFeedRoutes(app, pageDeps);
  registerBriefingRoutes(app, pageDeps);
  const mailer = deps.mailer ?? createMailer(config, { logger: app.log });
  if (!deps.mailer) app.addHook("onClose", () => mailer.close());
  // Loaded on first use, so a site whose database is down still starts and answers with its error page.
  let signer: Promise<Signer> | undefined;
  const loadKey = () =>
    (signer ??= loadSigner(deps.db).catch((err: unknown) => {
      signer = undefined;
      throw err;
    }));
  registerNewsletterRoutes(app, { ...pageDeps, mailer, signer: loadKey, limits: deps.limits });
  const newsroomDeps: NewsroomDeps = {
    db: deps.db,
    config,
    now,
    mailer,
    signer: loadKey,
    storage,
    pages,
    limits: deps.limits,
    banner: bannerChanged,
    trashedMedia: trashed,
  };
  await registerNewsroomApis(app, newsroomDeps, { bus, live, banner, bannerChanged, adminApi: deps.adminApi });
  registerAdminApiDocs(app, pageDeps);
  registerPreviewRoutes(app, { ...pageDeps, signer: loadKey });
  registerNewsroomPage(app, { siteName: config.siteName, timeZone: config.timeZone });
  registerVideoPageRoutes(app, pageDeps);
  registerLiveStreamRoutes(app, pageDeps, live);
  registerBannerRoutes(app, pageDeps, live, banner);
  // Web Push: the VAPID key pair is made on first start and kept in the database (docs/adr/035).
  const pushKeys = vapidKeysLoader(deps.db, now);
  await pushKeys().catch((err: unknown) => app.log.warn({ err }, "VAPID keys not read at start; read on first use"));
  registerPushRoutes(app, { db: deps.db, now, keys: pushKeys, pushServiceHosts: config.pushServiceHosts });
  registerSiteRoutes(app, pageDeps);
  registerArticleRoutes(app, pageDeps);
  registerNotFound(app, { db: deps.db, pageDeps });
  return app;
}
