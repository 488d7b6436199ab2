import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { AppError } from "../../platform/errors.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import { type Action, can } from "../permissions.js";
import { SESSION_COOKIE, type Session, findSession } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in newsroom session, set by the guard. */
    newsroomSession?: Session;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Loads the session from the cookie (once per request); undefined when there is none. */
export async function loadSession(deps: NewsroomDeps, req: FastifyRequest): Promise<Session | undefined> {
  if (req.newsroomSession) return req.newsroomSession;
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const session = await findSession(deps.db, token, deps.now());
  if (session) req.newsroomSession = session;
  return session;
}

/** Refuses a state-changing request whose x-csrf-token header is not the session's token. */
export function checkCsrf(req: FastifyRequest, session: Session): void {
  if (SAFE_METHODS.has(req.method)) return;
  const header = req.headers["x-csrf-token"];
  if (typeof header !== "string" || !sameToken(header, session.csrfToken)) {
    throw new AppError("CSRF", "Missing or invalid CSRF token: reload the newsroom and try again");
  }
}

/**
 * The guard every newsroom endpoint runs: a live session (401), the CSRF token on anything but
 * GET/HEAD (403 CSRF), and a role allowed to perform `action` (403).
 */
export function requirePermission(deps: NewsroomDeps, action: Action): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const session = await loadSession(deps, req);
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
    checkCsrf(req, session);
    if (!can(session.user.role, action)) {
      throw new AppError("FORBIDDEN", `Your role (${session.user.role}) may not do this (${action})`);
    }
  };
}

/** The signed-in user, for handlers behind requirePermission. */
export function currentUser(req: FastifyRequest): Session["user"] {
  if (!req.newsroomSession) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
  return req.newsroomSession.user;
}
