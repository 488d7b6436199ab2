import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { type NewsroomRoutes, jsonApiScope } from "../platform/admin/json-api.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import type { Action } from "../platform/admin/permissions.js";
import { AppError } from "../platform/errors.js";
import { memoryLimits } from "../platform/http/shared-limits.js";
import { ADMIN_ROUTES, routeKey } from "./admin-api.catalogue.js";
import { authenticateKey } from "./integrations.js";
import { buildAdminOpenApi } from "./admin-openapi.js";

// The Admin API (docs/adr/033): the newsroom's own route modules, registered a second time under
// /api/admin/v1 behind a different entrance. The handlers, their schemas and their permission
// checks are the newsroom's, so the two cannot drift; the entrance only (1) exposes the routes the
// catalogue lists and answers 404 to the rest, (2) finds the integration from its Bearer key in
// place of a session cookie, (3) limits calls per key, and (4) audits every call as the integration.

export const ADMIN_API_PREFIX = "/api/admin/v1";

export interface AdminApiOptions {
  /** Calls per key per minute (default 600). */
  perMinute?: number;
}

/** What each exposed route's guard asks for, read from the routes as registered (for the docs and tests). */
export type RouteActions = Map<string, Action>;

declare module "fastify" {
  interface FastifyInstance {
    /** "METHOD /api/admin/v1/path" → the action its guard asks for. */
    adminApiActions?: RouteActions;
  }
}

export async function registerAdminApi(
  app: FastifyInstance,
  deps: NewsroomDeps,
  modules: NewsroomRoutes[],
  options: AdminApiOptions = {},
): Promise<RouteActions> {
  const limiter = (deps.limits ?? memoryLimits)("admin-api", options.perMinute ?? 600, 60_000);
  const actions: RouteActions = new Map();
  app.decorate("adminApiActions", actions);
  const exposed = new Set(ADMIN_ROUTES.map((r) => routeKey(r.method, ADMIN_API_PREFIX + r.path)));
  // The description is public (no key): outside the scope whose hooks ask for one.
  app.get(`${ADMIN_API_PREFIX}/openapi.json`, async (_req, reply) =>
    reply.header("cache-control", "public, max-age=60").send(buildAdminOpenApi(deps.config.siteUrl, actions)),
  );
  await app.register(
    async (api) => {
      jsonApiScope(api, "Admin API");
      api.addHook("onRoute", (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        const handlers = [route.preHandler ?? []].flat() as { action?: Action }[];
        const action = handlers.find((h) => typeof h.action === "string")?.action;
        for (const method of methods) if (action) actions.set(routeKey(method, route.url), action);
      });
      api.addHook("onRequest", async (req, reply) => {
        // Routes outside the catalogue (sign-in, users, presence…) are not part of this API at all.
        if (!exposed.has(routeKey(req.method === "HEAD" ? "GET" : req.method, req.routeOptions.url ?? "")))
          throw new AppError("NOT_FOUND", "No such Admin API endpoint");
        const user = await authenticate(deps.db, req).catch((err: unknown) => {
          reply.header("www-authenticate", 'Bearer realm="admin-api"');
          throw err;
        });
        const wait = await limiter.hit(`integration:${user.integrationId}`);
        if (wait > 0) {
          reply.header("retry-after", String(wait));
          throw new AppError("RATE_LIMITED", `Too many calls with this key: try again in ${wait} s`, {
            details: wait,
          });
        }
        req.integrationUser = user;
      });
      // Recorded before the answer leaves (onSend), so a caller that has its answer finds its call audited.
      api.addHook("onSend", async (req, reply, payload) => {
        const user = req.integrationUser;
        if (!user?.integrationId) return payload;
        const now = deps.now();
        try {
          await recordAudit(deps.db, now, {
            userId: user.id,
            action: "api.call",
            subjectType: "integration",
            subjectId: user.integrationId,
            detail: {
              method: req.method,
              route: req.routeOptions.url,
              url: req.url.slice(0, 300),
              status: reply.statusCode,
              ms: Math.round(reply.elapsedTime),
            },
            ip: req.ip,
          });
          await deps.db
            .updateTable("integrations")
            .set({ last_used_at: now.toISOString() })
            .where("id", "=", user.integrationId)
            .execute();
        } catch (err) {
          req.log.error({ err }, "could not audit an Admin API call");
        }
        return payload;
      });
      for (const register of modules) await register(api, deps);
    },
    { prefix: ADMIN_API_PREFIX },
  );
  return actions;
}

async function authenticate(db: Db, req: FastifyRequest) {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const user = match?.[1] ? await authenticateKey(db, match[1]) : undefined;
  if (!user)
    throw new AppError(
      "UNAUTHORIZED",
      match ? "This key is unknown or revoked" : "Send Authorization: Bearer <key> (an integration's key)",
    );
  return user;
}
