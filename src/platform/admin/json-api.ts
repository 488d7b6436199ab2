import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { AppError } from "../errors.js";
import { methodNotAllowed } from "../http/allowed-methods.js";
import { type ApiErrorBody, apiError } from "../http/api-error.js";
import type { NewsroomDeps } from "./newsroom-deps.js";

const JSON_TYPE = "application/json; charset=utf-8";

export type NewsroomApiError = ApiErrorBody;

/**
 * A newsroom API module: registers its routes on a JSON scope (the newsroom's `/api/newsroom`, and
 * the Admin API's `/api/admin/v1`), each with `requirePermission(deps, action)` as its preHandler.
 */
export type NewsroomRoutes = (api: FastifyInstance, deps: NewsroomDeps) => void | Promise<void>;

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
