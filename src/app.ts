import http from "node:http";
import path from "node:path";
import { redirectOld, registerOldAddressHook } from "./redirects/redirect.routes.js";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { h } from "preact";
import { registerContentApiRoutes } from "./api/content/content-api.routes.js";
import { registerArticleRoutes } from "./articles/article.routes.js";
import { registerAnalyticsApi } from "./audience/analytics.api.js";
import { AudienceCounter } from "./audience/audience-counter.js";
import { rollUpAudience } from "./audience/audience-rollup.js";
import { registerBeaconRoutes } from "./audience/beacon.routes.js";
import { type BeaconLimit, memoryBeaconLimit } from "./audience/beacon-limit.js";
import { DailySalts } from "./audience/visitor.js";
import { registerBriefingRoutes } from "./briefings/briefing.routes.js";
import type { Db } from "./database.js";
import { registerFeedRoutes } from "./discovery/feed.routes.js";
import { mediaRoutes } from "./media/media.routes.js";
import { ViewCounter } from "./discovery/view-counter.js";
import { registerSitemapRoutes } from "./discovery/sitemap.routes.js";
import { registerNewsletterRoutes } from "./newsletters/newsletter.routes.js";
import { registerNewsletterApi } from "./newsletters/newsletters.api.js";
import type { NewsroomDeps } from "./newsroom/newsroom-deps.js";
import { registerArticleApiRoutes } from "./newsroom/articles/articles.routes.js";
import { registerAuthRoutes } from "./newsroom/auth/auth.routes.js";
import { registerManageRoutes } from "./newsroom/manage/manage.routes.js";
import { registerAuthorRoutes } from "./newsroom/manage/authors.routes.js";
import { registerTrashRoutes } from "./newsroom/trash/trash.routes.js";
import { registerPreviewRoutes } from "./newsroom/preview.routes.js";
import { registerNewsroomApi } from "./newsroom/newsroom.api.js";
import { type AdminApiOptions, registerAdminApi } from "./integrations/admin-api.js";
import { registerAdminApiDocs } from "./integrations/admin-api-docs.routes.js";
import { registerIntegrationRoutes } from "./integrations/integrations.routes.js";
import { registerWebhookRoutes } from "./integrations/webhooks.routes.js";
import { registerNotificationRoutes } from "./newsroom/notifications/notifications.routes.js";
import { presenceRoutes } from "./newsroom/presence/presence.routes.js";
import { registerNewsroomPage } from "./newsroom/newsroom.page.js";
import { RAILS_INTERVAL_MS, buildPageLayer } from "./page-layer.js";
import { FastPath } from "./pages/fast-path.js";
import type { PageLayer } from "./pages/page-layer.js";
import type { Bus } from "./platform/bus/bus.js";
import type { Config } from "./platform/config.js";
import type { Metrics } from "./platform/metrics/metrics.js";
import type { Limits } from "./platform/http/shared-limits.js";
import { registerMetricsRoute, requestId } from "./platform/http/observability.js";
import { type Mailer, createMailer } from "./platform/mail/mailer.js";
import { type Signer, loadSigner } from "./platform/signing.js";
import { closeStorage, createStorage } from "./platform/storage/create-storage.js";
import { registerStorageRoute } from "./platform/storage/storage-route.js";
import { setMediaPublicUrl } from "./media/image.js";
import { decodeMediaKey, trashedMedia } from "./media/trashed-media.js";
import { BusPresence } from "./newsroom/presence/bus-presence.js";
import { AppError } from "./platform/errors.js";
import { apiError } from "./platform/http/api-error.js";
import { methodNotAllowed } from "./platform/http/allowed-methods.js";
import { logSerializers } from "./platform/http/log-redaction.js";
import { isInvalidQuery, parseQueryString, rejectUrl } from "./platform/http/request-guard.js";
import { computeSecurityHeaders } from "./platform/http/security-headers.js";
import { registerHealthRoutes } from "./platform/http/health.routes.js";
import { RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from "./platform/db/unavailable.js";
import { sendPage } from "./platform/http/send-page.js";
import { FONT_DIRS, PUBLIC_DIR, resolveAssets } from "./pages/assets.js";
import type { SiteContext } from "./pages/site-context.js";
import { type PageDeps, loadSiteContext } from "./pages/page-deps.js";
import { registerSiteRoutes } from "./site/site.routes.js";
import { localBus } from "./platform/bus/index.js";
import type { LiveHub } from "./live/live-hub.js";
import { createLiveHub } from "./live/live-setup.js";
import { liveApi } from "./live/live.api.js";
import { registerLiveStreamRoutes } from "./live/live-stream.routes.js";
import { SITE_TOPIC } from "./live/live-hub.js";
import { BannerBoard } from "./banner/banner-board.js";
import { bannerTopic } from "./banner/banner-setup.js";
import { bannerApi } from "./banner/banner.api.js";
import { registerBannerRoutes } from "./banner/banner.routes.js";
import { bannerEffects } from "./banner/banner.service.js";
import { PageSlots } from "./pages/page-slot.js";
import { registerPushRoutes } from "./push/push.routes.js";
import { vapidKeysLoader } from "./push/vapid-keys.js";
import { ErrorPage } from "./pages/views/ErrorPage.js";
import { videoRoutes } from "./videos/video.api.js";
import { registerWireRoutes } from "./wire/wire.routes.js";
import { registerVideoPageRoutes } from "./videos/video.routes.js";

export interface AppDependencies {
  config: Config;
  db: Db;
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
  // Pages may show images and play video from the public bucket or CDN.
  const mediaOrigin = config.mediaPublicUrl ? [new URL(config.mediaPublicUrl).origin] : [];
  const views = deps.views ?? new ViewCounter(now);
  const pages = deps.pages ?? buildPageLayer({ config, db: deps.db, now, log: app.log });
  pages.startRails(RAILS_INTERVAL_MS);
  app.addHook("onClose", async () => pages.stop());
  const audience = deps.audience ?? new AudienceCounter(config.timeZone, now);
  const pageDeps: PageDeps = { db: deps.db, config, assets: resolveAssets(), now, views, pages, audience };
  const bus = deps.bus ?? localBus(app.log);
  if (!deps.bus) app.addHook("onClose", () => bus.close());
  const banner = deps.banner ?? new BannerBoard(deps.db, now);
  const live =
    deps.live ??
    createLiveHub({
      bus,
      db: deps.db,
      timeZone: config.timeZone,
      pages,
      log: app.log,
      site: bannerTopic(banner, pages, app.log),
    });
  // The banner goes into pages at send time (pages/page-slot.ts), never into the stored pages.
  pages.slots = new PageSlots(banner.fill);
  await banner
    .load()
    .catch((err: unknown) => app.log.warn({ err }, "banner not read at start; the next change reads it"));
  const bannerChanged = bannerEffects({
    board: banner,
    pages,
    announce: () => live.announce({ articleId: SITE_TOPIC, rev: banner.rev }),
  });
  // Open streams never end by themselves: they are ended before the server waits for its connections.
  app.addHook("preClose", async () => live.close());
  let lastRollUp = 0;
  const flushViews = async () => {
    await views.flush(deps.db).catch((err: unknown) => app.log.warn({ err }, "page views not written; retrying later"));
    await audience
      .flush(deps.db)
      .catch((err: unknown) => app.log.warn({ err }, "audience counts not written; retrying later"));
    // Once a minute: yesterday's visitor hashes become counts, old minutes and presence go (docs/adr/029).
    if (now().getTime() - lastRollUp >= 60_000) {
      lastRollUp = now().getTime();
      await rollUpAudience(deps.db, { now: now(), today: audience.dayOf(now()) }).catch((err: unknown) =>
        app.log.warn({ err }, "audience roll-up failed; retrying later"),
      );
    }
  };
  const flushTimer = setInterval(() => void flushViews(), 5_000);
  flushTimer.unref();
  app.addHook("onClose", async () => {
    clearInterval(flushTimer);
    await flushViews();
  });

  const securityHeaders = computeSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", ...mediaOrigin],
        mediaSrc: ["'self'", ...mediaOrigin],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.siteUrl.startsWith("https:") ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Our own pages tell the next one where the reader came from (internal navigation, for the
    // audience desk's sources); other sites learn nothing (docs/adr/029).
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: config.siteUrl.startsWith("https:"),
  });
  // Media and public assets are for everyone: the newsletter preview's sandboxed frame (an opaque
  // origin) and partner sites showing the Content API's images load them from elsewhere.
  const assetHeaders = { ...securityHeaders, "cross-origin-resource-policy": "cross-origin" };
  app.addHook("onRequest", (req, reply, done) => {
    reply.headers(/^\/(?:assets|media)\//.test(req.url) ? assetHeaders : securityHeaders);
    done();
  });
  app.addHook("onRequest", async (req) => {
    const reason = rejectUrl(req.raw.url ?? "/");
    if (reason) throw new AppError("BAD_REQUEST", reason);
    if (isInvalidQuery(req.query)) throw new AppError("BAD_REQUEST", "Malformed query string");
  });
  registerOldAddressHook(app, deps.db);
  // Before any route: a route takes the error handler in force when it is added.
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => onError(error, req, reply));
  if (pages.cache) fastPath = pages.fastPath = new FastPath(pages.cache, securityHeaders, pages.cdnMaxAgeSeconds);
  if (fastPath) fastPath.slots = pages.slots;
  if (deps.metrics) registerMetricsRoute(app, { metrics: deps.metrics, token: config.metricsToken, pages });
  await app.register(compress, { threshold: 1024, encodings: ["br", "gzip"], brotliOptions: { params: { 1: 4 } } });
  await app.register(formbody, { bodyLimit: 32 * 1024 });
  await app.register(cookie);

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: "/assets/",
    maxAge: "1d",
    index: false,
    setHeaders: (res, file) => {
      if (file.includes(`${path.sep}build${path.sep}`))
        res.setHeader("cache-control", "public, max-age=31536000, immutable");
    },
  });
  await app.register(fastifyStatic, {
    root: FONT_DIRS,
    prefix: "/assets/fonts/",
    decorateReply: false,
    index: false,
    maxAge: "365d",
    immutable: true,
  });
  // Files of trashed images answer 404 until restored (docs/adr/031): one Set lookup per request.
  const trashed = await trashedMedia({ db: deps.db, bus, log: app.log });
  app.addHook("onClose", async () => trashed.close());
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith("/media/") && trashed.hides(decodeMediaKey(req.url))) {
      throw new AppError("NOT_FOUND", "No such file");
    }
  });
  // Uploaded and seeded media (images, video with Range requests, captions): from the disk, or
  // streamed from the bucket with the same ETag, 304 and Range behaviour.
  if (config.storage.kind === "s3") {
    registerStorageRoute(app, { prefix: "/media/", storage, maxAgeSeconds: 30 * 24 * 3600 });
  } else {
    await app.register(fastifyStatic, {
      root: path.join(config.dataDir, "media"),
      prefix: "/media/",
      decorateReply: false,
      index: false,
      maxAge: "30d",
      acceptRanges: true,
    });
  }

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
  const presence = new BusPresence(bus, app.log);
  app.addHook("onClose", async () => presence.close());
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
  const liveRoutes = liveApi((message) => live.announce(message));
  await registerNewsroomApi(app, newsroomDeps, [
    registerAuthRoutes,
    registerArticleApiRoutes,
    registerManageRoutes,
    registerAuthorRoutes,
    registerTrashRoutes,
    mediaRoutes,
    videoRoutes,
    registerWireRoutes,
    registerNewsletterApi,
    registerNotificationRoutes,
    // Shared with every instance on the bus (Redis, or a node:cluster's primary).
    presenceRoutes(presence),
    liveRoutes,
    bannerApi(banner, bannerChanged),
    registerAnalyticsApi,
    registerIntegrationRoutes,
    registerWebhookRoutes,
  ]);
  // The same handlers, a second way in: Bearer keys of integrations (docs/adr/033).
  await registerAdminApi(
    app,
    newsroomDeps,
    [
      registerArticleApiRoutes,
      registerManageRoutes,
      registerAuthorRoutes,
      registerTrashRoutes,
      mediaRoutes,
      registerNewsletterApi,
      liveRoutes,
      registerWebhookRoutes,
    ],
    deps.adminApi,
  );
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

  app.setNotFoundHandler(async (req, reply) => {
    const notAllowed = methodNotAllowed(app, req, reply);
    if (notAllowed) throw notAllowed;
    return (await redirectOld(deps.db, req, reply)) ?? sendError(req, reply, pageDeps, 404);
  });
  // The one error handler, for route errors and for the router's own (a URL it cannot decode).
  async function onError(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
    for (const [name, value] of Object.entries(securityHeaders)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (isDatabaseUnavailable(error)) error = databaseUnavailable(error);
    const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
    if (status >= 500) req.log.error({ err: error }, "request failed");
    // A 416 from /media/ names the file's size (RFC 9110 §15.5.17), so a player can ask again.
    const range = (error as { headers?: Record<string, unknown> }).headers?.["Content-Range"];
    if (status === 416 && typeof range === "string") reply.header("content-range", range);
    // A page that found nothing (`/<section>/<slug>` with an old slug) may be an imported site's old address.
    if (status === 404) {
      const moved = await redirectOld(deps.db, req, reply);
      if (moved) return moved;
    }
    return sendError(req, reply, pageDeps, status >= 400 && status < 600 ? status : 500, error);
  }
  return app;
}

async function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: PageDeps,
  status: number,
  error?: FastifyError | AppError,
): Promise<FastifyReply> {
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  const wantsJson = /^\/api(?:[/?]|$)/.test(req.url) || (req.headers.accept ?? "").startsWith("application/json");
  if (wantsJson) {
    // The same codes and messages as the APIs' own handlers (a 413 is PAYLOAD_TOO_LARGE everywhere).
    const { body } = apiError(error ?? new AppError("NOT_FOUND", "Not found"));
    return reply.status(status).send(body);
  }
  let site: SiteContext;
  try {
    site = await loadSiteContext(deps);
  } catch {
    // The database may be what failed: the error page still renders, without section links.
    site = {
      name: deps.config.siteName,
      tagline: deps.config.tagline,
      siteUrl: deps.config.siteUrl,
      timeZone: deps.config.timeZone,
      now: deps.now(),
      sections: [],
      assets: deps.assets,
    };
  }
  return sendPage(reply, h(ErrorPage, { site, status, path: req.url.split("?")[0] ?? "/" }), {
    status,
    cache: "private",
  });
}
