import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { AppError } from "../errors.js";
import type { NewsroomDeps } from "./newsroom-deps.js";
import { type Action, allows } from "./permissions.js";
import { type NewsroomUser, SESSION_COOKIE, type Session, findSession } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in newsroom session, set by the guard. */
    newsroomSession?: Session;
    /**
     * The integration calling, set by the Admin API's entrance from its Bearer key (docs/adr/033).
     * Where it is set the guard answers for it and never reads a session cookie.
     */
    integrationUser?: NewsroomUser;
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

/** A guard that names its action, so an entrance (the Admin API) can list what each route needs. */
export type PermissionGuard = preHandlerAsyncHookHandler & { readonly action: Action };

/**
 * The guard every newsroom endpoint runs, whichever way the request came in (docs/adr/033). Through
 * the newsroom: a live session (401), the CSRF token on anything but GET/HEAD (403 CSRF), and a
 * role allowed to perform `action` (403). Through the Admin API: the entrance has already found the
 * integration from its Bearer key (no cookie, so no CSRF), whose scopes must grant `action` (403).
 */
export function requirePermission(deps: NewsroomDeps, action: Action): PermissionGuard {
  const guard = async (req: FastifyRequest, _reply: FastifyReply) => {
    const integration = req.integrationUser;
    if (integration) {
      if (!allows(integration, action))
        throw new AppError("FORBIDDEN", `This key's scopes do not allow this (${action})`, {
          details: { action },
        });
      return;
    }
    const session = await loadSession(deps, req);
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
    checkCsrf(req, session);
    if (!allows(session.user, action)) {
      throw new AppError("FORBIDDEN", `Your role (${session.user.role}) may not do this (${action})`);
    }
  };
  return Object.assign(guard, { action });
}

/** Who acts, for handlers behind requirePermission: the signed-in user or the calling integration. */
export function currentUser(req: FastifyRequest): NewsroomUser {
  if (req.integrationUser) return req.integrationUser;
  if (!req.newsroomSession) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
  return req.newsroomSession.user;
}
