import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import type { Db } from "./database.js";
import { type PageDeps, loadSiteContext } from "./pages/page-deps.js";
import type { SiteContext } from "./pages/site-context.js";
import { ErrorPage } from "./pages/views/ErrorPage.js";
import { RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from "./platform/db/unavailable.js";
import { AppError } from "./platform/errors.js";
import { methodNotAllowed } from "./platform/http/allowed-methods.js";
import { apiError } from "./platform/http/api-error.js";
import { sendPage } from "./platform/http/send-page.js";
import { redirectOld } from "./redirects/redirect.routes.js";

// How the app answers what no route answered: JSON to APIs, the designed error page to readers,
// and an imported site's old address moved before a 404.

export interface ErrorDeps {
  db: Db;
  pageDeps: PageDeps;
  /** Set on error answers too: an error may come before the hook that sets them ran. */
  securityHeaders: Record<string, string>;
}

/** The one error handler, for route errors and for the router's own (a URL it cannot decode). */
export function appErrorHandler({ db, pageDeps, securityHeaders }: ErrorDeps) {
  return async (error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of Object.entries(securityHeaders)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (isDatabaseUnavailable(error)) error = databaseUnavailable(error);
    const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
    if (status >= 500) req.log.error({ err: error }, "request failed");
    // A 416 from /media/ names the file's size (RFC 9110 §15.5.17), so a player can ask again.
    const range = (error as { headers?: Record<string, unknown> }).headers?.["Content-Range"];
    if (status === 416 && typeof range === "string") reply.header("content-range", range);
    // A page that found nothing (`/<section>/<slug>` with an old slug) may be an imported site's old address.
    if (status === 404) {
      const moved = await redirectOld(db, req, reply);
      if (moved) return moved;
    }
    return sendError(req, reply, pageDeps, status >= 400 && status < 600 ? status : 500, error);
  };
}

/** No route for the URL: 405 when another method has one, an old address moved, else 404. */
export function registerNotFound(app: FastifyInstance, { db, pageDeps }: Omit<ErrorDeps, "securityHeaders">): void {
  app.setNotFoundHandler(async (req, reply) => {
    const notAllowed = methodNotAllowed(app, req, reply);
    if (notAllowed) throw notAllowed;
    return (await redirectOld(db, req, reply)) ?? sendError(req, reply, pageDeps, 404);
  });
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
