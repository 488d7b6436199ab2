import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ensureAuthorProfile } from "../../authors/author-profile.js";
import { AppError } from "../../platform/errors.js";
import { memoryLimits } from "../../platform/http/shared-limits.js";
import { recordAudit } from "../../platform/admin/audit.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import type { UserRow } from "../newsroom.table.js";
import { parseInput } from "../../platform/http/parse-input.js";
import {
  acceptInvitation,
  authenticate,
  emailSchema,
  findToken,
  issueToken,
  nameSchema,
  passwordSchema,
  publicUser,
  resetPassword,
  roleSchema,
  setPassword,
  setupFirstAdmin,
  userCount,
} from "./accounts.js";
import { accountEmail } from "./account-email.js";
import { checkCsrf, currentUser, loadSession, requirePermission } from "../../platform/admin/guard.js";
import { verifyPassword } from "./passwords.js";
import {
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  createSession,
  endAllSessions,
  endOtherSessions,
  endSession,
} from "../../platform/admin/session.js";
import { clearSignInCounter, rememberNetwork, reserveSignIn, sweepSignInCounters } from "./sign-in-limits.js";

const loginBody = z.strictObject({ email: emailSchema, password: passwordSchema });
const setupBody = z.strictObject({ email: emailSchema, name: nameSchema, password: passwordSchema });
const resetRequestBody = z.strictObject({ email: emailSchema });
const resetConfirmBody = z.strictObject({ token: z.string().min(1).max(100), password: passwordSchema });
const changePasswordBody = z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema });
const inviteBody = z.strictObject({ email: emailSchema, role: roleSchema });
const acceptBody = z.strictObject({ token: z.string().min(1).max(100), name: nameSchema, password: passwordSchema });
const userPatch = z.strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional() });
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });

export const registerAuthRoutes: NewsroomRoutes = (api, deps) => {
  const { db, now } = deps;
  const clock = () => now().getTime();
  const resetsPerAddress = (deps.limits ?? memoryLimits)("reset-address", 3, 60 * 60 * 1000, clock);
  let sweptAt = 0;
  const secure = deps.config.siteUrl.startsWith("https:");

  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: String(req.headers["user-agent"] ?? "") });

  async function startSession(req: FastifyRequest, reply: FastifyReply, user: UserRow) {
    const { token, csrfToken } = await createSession(db, user.id, now(), client(req));
    await rememberNetwork(db, user.id, req.ip, now());
    // An account from before profiles existed gets its own at its first sign-in (docs/adr/025).
    const authorId = await ensureAuthorProfile(db, user);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });
    return { user: { ...publicUser(user), authorId }, csrfToken };
  }

  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });

  /** A signed-in request's session, with the CSRF token checked on anything but GET. */
  async function signedIn(req: FastifyRequest) {
    const session = await loadSession(deps, req);
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
    checkCsrf(req, session);
    return session;
  }

  api.get("/setup", async () => ({ needed: (await userCount(db)) === 0 }));

  api.post("/setup", async (req, reply) => {
    const body = parseInput(setupBody, req.body);
    const user = await setupFirstAdmin(db, body, now(), req.ip);
    return reply.status(201).send(await startSession(req, reply, user));
  });

  api.get("/session", async (req) => {
    const session = await loadSession(deps, req);
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in to the newsroom");
    const user = await db.selectFrom("users").selectAll().where("id", "=", session.user.id).executeTakeFirstOrThrow();
    return {
      user: { ...publicUser(user), authorId: await ensureAuthorProfile(db, user) },
      csrfToken: session.csrfToken,
    };
  });

  api.post("/login", async (req, reply) => {
    const body = parseInput(loginBody, req.body);
    if (clock() - sweptAt > 60_000) {
      sweptAt = clock();
      await sweepSignInCounters(db, now());
    }
    const counter = await reserveSignIn(db, body.email, req.ip, now());
    const user = await authenticate(db, body.email, body.password);
    if (!user) {
      await recordAudit(db, now(), {
        userId: null,
        ip: req.ip,
        action: "session.login_failed",
        subjectType: "user",
        subjectId: body.email,
      });
      throw new AppError("BAD_CREDENTIALS", "That email address and password do not match an account");
    }
    await clearSignInCounter(db, counter);
    await recordAudit(db, now(), {
      userId: user.id,
      ip: req.ip,
      action: "session.login",
      subjectType: "user",
      subjectId: user.id,
    });
    return startSession(req, reply, user);
  });

  api.post("/logout", async (req, reply) => {
    const session = await loadSession(deps, req);
    if (session) {
      checkCsrf(req, session);
      await endSession(db, session.tokenHash);
    }
    clearCookie(reply);
    return reply.status(204).send();
  });

  api.post("/logout-everywhere", async (req, reply) => {
    const session = await signedIn(req);
    await endAllSessions(db, session.user.id);
    await recordAudit(db, now(), {
      userId: session.user.id,
      ip: req.ip,
      action: "session.logout_everywhere",
      subjectType: "user",
      subjectId: session.user.id,
    });
    clearCookie(reply);
    return reply.status(204).send();
  });

  api.post("/password", async (req, reply) => {
    const session = await signedIn(req);
    const body = parseInput(changePasswordBody, req.body);
    const user = await db.selectFrom("users").selectAll().where("id", "=", session.user.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError("BAD_CREDENTIALS", "Your current password is not right");
    }
    await setPassword(db, user, body.newPassword, now());
    // Whoever else holds a session (the reason to change it, often) is signed out.
    await endOtherSessions(db, user.id, session.tokenHash);
    await recordAudit(db, now(), {
      userId: user.id,
      ip: req.ip,
      action: "user.password_changed",
      subjectType: "user",
      subjectId: user.id,
    });
    return reply.status(204).send();
  });

  // Answers 202 whatever the address, so the form does not tell who has an account.
  api.post("/password-reset", async (req, reply) => {
    const { email } = parseInput(resetRequestBody, req.body);
    if ((await resetsPerAddress.hit(email)) === 0) {
      const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
      if (user && !user.disabled) {
        const { token } = await issueToken(db, { kind: "reset", email, userId: user.id }, now());
        const url = `${deps.config.siteUrl}/newsroom/reset-password#token=${token}`;
        await deps.mailer.send({ to: email, ...accountEmail(deps, { kind: "reset", name: user.name, url }) });
      }
    }
    return reply.status(202).send({ status: "sent-if-known" });
  });

  api.post("/password-reset/confirm", async (req, reply) => {
    const body = parseInput(resetConfirmBody, req.body);
    const user = await resetPassword(db, body.token, body.password, now(), { userId: null, ip: req.ip });
    return startSession(req, reply, user);
  });

  api.get("/users", { preHandler: requirePermission(deps, "user.manage") }, async () => {
    // An integration's own account (docs/adr/033) is managed with the integration, not here.
    const users = await db
      .selectFrom("users")
      .selectAll()
      .where((eb) => eb.not(eb.exists(eb.selectFrom("integrations").select("id").whereRef("user_id", "=", "users.id"))))
      .orderBy("name")
      .orderBy("id")
      .execute();
    return { items: users.map(publicUser) };
  });

  api.patch("/users/:id", { preHandler: requirePermission(deps, "user.manage") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const body = parseInput(userPatch, req.body);
    const me = currentUser(req);
    return db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .selectAll()
        .where("id", "=", id)
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom("integrations").select("id").whereRef("user_id", "=", "users.id"))),
        )
        .executeTakeFirst();
      if (!user) throw new AppError("NOT_FOUND", "No such user");
      const demotesAdmin = user.role === "admin" && ((body.role && body.role !== "admin") || body.disabled === true);
      if (demotesAdmin) {
        const admins = await trx
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("role", "=", "admin")
          .where("disabled", "=", 0)
          .executeTakeFirstOrThrow();
        if (Number(admins.n) <= 1) throw new AppError("CONFLICT", "The newsroom needs at least one admin");
      }
      const updated = await trx
        .updateTable("users")
        .set({
          ...(body.role ? { role: body.role } : {}),
          ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
          updated_at: now().toISOString(),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (body.disabled) await endAllSessions(trx, id);
      await recordAudit(trx, now(), {
        userId: me.id,
        ip: req.ip,
        action: "user.updated",
        subjectType: "user",
        subjectId: id,
        detail: { before: { role: user.role, disabled: user.disabled === 1 }, after: body },
      });
      return publicUser(updated);
    });
  });

  api.post("/invitations", { preHandler: requirePermission(deps, "user.manage") }, async (req, reply) => {
    const body = parseInput(inviteBody, req.body);
    const me = currentUser(req);
    const taken = await db.selectFrom("users").select("id").where("email", "=", body.email).executeTakeFirst();
    if (taken) throw new AppError("CONFLICT", "A newsroom account with this address exists already");
    const { token, expiresAt } = await db.transaction().execute(async (trx) => {
      const issued = await issueToken(
        trx,
        { kind: "invite", email: body.email, role: body.role, createdBy: me.id },
        now(),
      );
      await recordAudit(trx, now(), {
        userId: me.id,
        ip: req.ip,
        action: "user.invited",
        subjectType: "user",
        subjectId: body.email,
        detail: { role: body.role },
      });
      return issued;
    });
    const url = `${deps.config.siteUrl}/newsroom/invitation#token=${token}`;
    await deps.mailer.send({
      to: body.email,
      ...accountEmail(deps, { kind: "invite", name: me.name, url, role: body.role }),
    });
    return reply.status(201).send({ email: body.email, role: body.role, expiresAt: expiresAt.toISOString() });
  });

  api.get("/invitations/:token", async (req) => {
    const { token } = parseInput(tokenParams, req.params, "params");
    const row = await findToken(db, "invite", token, now());
    return { email: row.email, role: row.role, expiresAt: row.expires_at };
  });

  api.post("/invitations/accept", async (req, reply) => {
    const body = parseInput(acceptBody, req.body);
    const user = await acceptInvitation(db, body, now(), req.ip);
    return reply.status(201).send(await startSession(req, reply, user));
  });
};
