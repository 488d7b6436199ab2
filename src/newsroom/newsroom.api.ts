import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { AppError } from "../platform/errors.js";
import { methodNotAllowed } from "../platform/http/allowed-methods.js";
import { type ApiErrorBody, apiError } from "../platform/http/api-error.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";

const JSON_TYPE = "application/json; charset=utf-8";

export type NewsroomApiError = ApiErrorBody;

/** A newsroom API module: registers its routes on the `/api/newsroom` scope. */
export type NewsroomRoutes = (api: FastifyInstance, deps: NewsroomDeps) => void | Promise<void>;

/**
 * The newsroom's JSON API under /api/newsroom: never cached, errors as JSON
 * `{ error: { code, message, details? } }`. Each module registers its own routes with
 * `requirePermission(deps, action)` as their preHandler.
 */
export async function registerNewsroomApi(
  app: FastifyInstance,
  deps: NewsroomDeps,
  modules: NewsroomRoutes[],
): Promise<void> {
  await app.register(
    async (api) => {
      jsonApiScope(api, "newsroom");
      for (const register of modules) await register(api, deps);
    },
    { prefix: "/api/newsroom" },
  );
}

/**
 * What every JSON entrance to the newsroom's handlers shares (the newsroom's own and the Admin
 * API's): never cached, JSON bodies only, errors as `{ error: { code, message, details? } }`.
 */
export function jsonApiScope(api: FastifyInstance, label: string): void {
  api.addHook("onRequest", async (_req, reply) => {
    reply.header("cache-control", "no-store");
  });
  // JSON only (415 otherwise): an HTML form on another site can post url-encoded or text/plain
  // bodies without a preflight, and would sign a browser in to an account of the attacker's
  // choosing (login CSRF) through /login, /password-reset/confirm or /invitations/accept.
  api.removeContentTypeParser(["application/x-www-form-urlencoded", "text/plain"]);
  const send = (reply: FastifyReply, status: number, body: NewsroomApiError) =>
    reply.status(status).header("content-type", JSON_TYPE).send(body);
  api.setNotFoundHandler(async (req, reply) => {
    const notAllowed = methodNotAllowed(api, req, reply);
    if (notAllowed) throw notAllowed;
    return send(reply, 404, { error: { code: "NOT_FOUND", message: `No such ${label} endpoint` } });
  });
  api.setErrorHandler(async (error: FastifyError | AppError, req, reply) => {
    const { status, body, headers } = apiError(error);
    reply.headers(headers);
    if (status >= 500) req.log.error({ err: error }, `${label} request failed`);
    if (error instanceof AppError && error.code === "RATE_LIMITED" && typeof error.details === "number") {
      reply.header("retry-after", String(error.details));
    }
    return send(reply, status, body);
  });
}
