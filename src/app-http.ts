import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import type { Db } from "./database.js";
import { type TrashedMedia, decodeMediaKey, trashedMedia } from "./media/trashed-media.js";
import { FONT_DIRS, PUBLIC_DIR } from "./pages/assets.js";
import type { Bus } from "./platform/bus/bus.js";
import type { Config } from "./platform/config.js";
import { AppError } from "./platform/errors.js";
import { isInvalidQuery, rejectUrl } from "./platform/http/request-guard.js";
import { computeSecurityHeaders } from "./platform/http/security-headers.js";
import { registerStorageRoute } from "./platform/storage/storage-route.js";
import type { Storage } from "./platform/storage/storage.js";

// The app's outer skin: the security headers every answer carries, the requests refused before
// routing, and the files served as they are (assets, fonts, media).

/** Helmet's headers with our Content-Security-Policy, computed once. */
export function appSecurityHeaders(config: Config): Record<string, string> {
  // Pages may show images and play video from the public bucket or CDN.
  const mediaOrigin = config.mediaPublicUrl ? [new URL(config.mediaPublicUrl).origin] : [];
  return computeSecurityHeaders({
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
}

/** The headers on every answer, then the URLs and query strings refused with 400 before routing. */
export function registerRequestGuards(app: FastifyInstance, securityHeaders: Record<string, string>): void {
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
}

/**
 * `/assets/` (the built browser code immutable), `/assets/fonts/`, and `/media/` from the disk or
 * the bucket. Returns the trashed images' list, which the newsroom tells of its changes.
 */
export async function registerFiles(
  app: FastifyInstance,
  deps: { config: Config; db: Db; bus: Bus; storage: Storage },
): Promise<TrashedMedia> {
  const { config } = deps;
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
  const trashed = await trashedMedia({ db: deps.db, bus: deps.bus, log: app.log });
  app.addHook("onClose", async () => trashed.close());
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith("/media/") && trashed.hides(decodeMediaKey(req.url))) {
      throw new AppError("NOT_FOUND", "No such file");
    }
  });
  // Uploaded and seeded media (images, video with Range requests, captions): from the disk, or
  // streamed from the bucket with the same ETag, 304 and Range behaviour.
  if (config.storage.kind === "s3") {
    registerStorageRoute(app, { prefix: "/media/", storage: deps.storage, maxAgeSeconds: 30 * 24 * 3600 });
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
  return trashed;
}
