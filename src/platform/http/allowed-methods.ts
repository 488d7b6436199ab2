import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SERVED = new Set<string>(METHODS);

/** The methods some route takes at this request's path (the router's own matching, query aside). */
export function allowedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split("?", 1)[0] ?? "/";
  return METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/**
 * For the not-found handlers: a 405 with Allow when the path exists for other methods, or when
 * the method is one no route takes (TRACE, CONNECT, WebDAV's…) (RFC 9110 §15.5.6); undefined
 * when the path is simply not there.
 */
export function methodNotAllowed(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): AppError | undefined {
  const allow = allowedMethods(app, req.url);
  // A route that takes this method and still found nothing (reply.callNotFound) is a plain 404.
  if (allow.includes(req.method) || (allow.length === 0 && SERVED.has(req.method))) return undefined;
  reply.header("allow", (allow.length > 0 ? allow : ["GET", "HEAD"]).join(", "));
  return new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here`);
}
