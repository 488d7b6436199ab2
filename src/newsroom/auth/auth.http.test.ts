import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { type MailInbox, startMailInbox } from "../../../test/support/mail-inbox.js";
import { SESSION_IDLE_MS } from "../../platform/admin/session.js";
import { LOGIN_FAILURES_PER_ACCOUNT } from "./sign-in-limits.js";
import { passwordProblem } from "./passwords.js";

const FIRST_PASSWORD = "ink-and-deadlines-2026";
const cookieOf = (res: LightMyRequestResponse) => {
  const raw = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith("ld_session="));
  if (!raw) throw new Error(`no session cookie in ${JSON.stringify(res.headers["set-cookie"])}`);
  return raw.split(";")[0]!;
};
const linkToken = (text: string | undefined, path: string) => {
  const match = new RegExp(`http://localhost:3000${path}#token=([A-Za-z0-9_-]+)`).exec(text ?? "");
  if (!match) throw new Error(`no ${path} link in ${text}`);
  return match[1]!;
};

describe("password rules", () => {
  it("refuses short, common, repeated and personal passwords", () => {
    expect(passwordProblem("short1")).toMatch(/at least 10/);
    expect(passwordProblem("password123")).toMatch(/common/);
    expect(passwordProblem("1234567890")).toMatch(/common/);
    expect(passwordProblem("aaaaaaaaaaaa")).toBeDefined();
    expect(passwordProblem("x-ada.lovelace-x", { email: "ada.lovelace@example.org" })).toMatch(/name or address/);
    expect(passwordProblem("ink-and-deadlines-2026")).toBeUndefined();
  });
});

describeEachDatabase("newsroom accounts and sessions", (get) => {
  let app: FastifyInstance;
  let inbox: MailInbox;
  let clock = new Date("2026-07-01T09:00:00Z");
  let ip = 0;
  const call = (
    method: "GET" | "POST" | "PATCH",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url: `/api/newsroom${url}`,
      payload: payload as object,
      headers,
      remoteAddress: `203.0.${ip}.9`,
    });

  beforeAll(async () => {
    const { handle, config } = get();
    inbox = await startMailInbox();
    app = await buildApp({ config: { ...config, smtpUrl: inbox.url }, db: handle.db, now: () => clock, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });
  beforeEach(() => {
    inbox.messages.length = 0;
    ip += 1;
  });

  // Per engine: the reset test changes the password.
  const ADMIN = { email: "ada@newsroom.example", name: "Ada Admin", password: FIRST_PASSWORD };
  const creds = () => ({ email: ADMIN.email, password: ADMIN.password });
  let adminCookie = "";
  let adminCsrf = "";
  const asAdmin = () => ({ cookie: adminCookie, "x-csrf-token": adminCsrf });

  it("sets up the first admin once, and only while nobody exists", async () => {
    expect((await call("GET", "/setup")).json()).toEqual({ needed: true });
    const weak = await call("POST", "/setup", { ...ADMIN, password: "password1" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");

    const res = await call("POST", "/setup", ADMIN);
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: ADMIN.email, role: "admin" });
    const setCookie = String([res.headers["set-cookie"]].flat()[0]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // SITE_URL is http in tests
    adminCookie = cookieOf(res);
    adminCsrf = res.json().csrfToken;

    expect((await call("GET", "/setup")).json()).toEqual({ needed: false });
    const again = await call("POST", "/setup", { ...ADMIN, email: "intruder@example.org" });
    expect(again.statusCode).toBe(409);
    const users = await get().handle.db.selectFrom("users").select(["email", "password_hash"]).execute();
    expect(users).toHaveLength(1);
    expect(users[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("signs in with the right password only, and knows the session", async () => {
    const wrong = await call("POST", "/login", { email: ADMIN.email, password: "not-the-password" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("BAD_CREDENTIALS");
    const unknown = await call("POST", "/login", { email: "nobody@example.org", password: ADMIN.password });
    expect(unknown.json().error.message).toBe(wrong.json().error.message);

    const ok = await call("POST", "/login", { email: " ADA@newsroom.example ", password: ADMIN.password });
    expect(ok.statusCode).toBe(200);
    const session = await call("GET", "/session", undefined, { cookie: cookieOf(ok) });
    expect(session.json()).toMatchObject({ user: { email: ADMIN.email }, csrfToken: ok.json().csrfToken });

    expect((await call("GET", "/session", undefined, { cookie: "ld_session=forged-token" })).statusCode).toBe(401);
    expect((await call("GET", "/session")).statusCode).toBe(401);
  });

  it("limits failed sign-ins per account with 429 and Retry-After", async () => {
    const email = ADMIN.email;
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      ip += 1; // from different networks: the per-account limit is what stops it
      expect((await call("POST", "/login", { email, password: `wrong-${i}-password` })).statusCode).toBe(401);
    }
    ip += 1;
    const limited = await call("POST", "/login", { email, password: ADMIN.password });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Fifteen minutes later the account may try again.
    clock = new Date(clock.getTime() + 16 * 60 * 1000);
    expect((await call("POST", "/login", { email, password: ADMIN.password })).statusCode).toBe(200);
  });

  it("refuses state changes without the session's CSRF token", async () => {
    const noToken = await call(
      "POST",
      "/invitations",
      { email: "x@example.org", role: "writer" },
      { cookie: adminCookie },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("CSRF");
    const forged = await call(
      "POST",
      "/invitations",
      { email: "x@example.org", role: "writer" },
      { cookie: adminCookie, "x-csrf-token": "forged" },
    );
    expect(forged.json().error.code).toBe("CSRF");
    expect(await get().handle.db.selectFrom("auth_tokens").select("email").execute()).toEqual([]);
  });

  it("invites by email with a single-use link that makes an account with the role", async () => {
    const res = await call("POST", "/invitations", { email: "Wren@Example.org", role: "writer" }, asAdmin());
    expect(res.statusCode).toBe(201);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toBe("Ada Admin invited you to the London Daily newsroom");
    const token = linkToken(mail!.text, "/newsroom/invitation");
    expect((await call("GET", `/invitations/${token}`)).json()).toMatchObject({
      email: "wren@example.org",
      role: "writer",
    });

    const accepted = await call("POST", "/invitations/accept", {
      token,
      name: "Wren Writer",
      password: "copy-desk-at-midnight",
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({ email: "wren@example.org", role: "writer", name: "Wren Writer" });
    const reused = await call("POST", "/invitations/accept", {
      token,
      name: "Mallory",
      password: "copy-desk-at-midnight",
    });
    expect(reused.statusCode).toBe(410);
    expect((await call("GET", `/invitations/${token}`)).statusCode).toBe(410);

    // A writer cannot invite: user.manage is the admin's.
    const writer = { cookie: cookieOf(accepted), "x-csrf-token": accepted.json().csrfToken };
    const denied = await call("POST", "/invitations", { email: "y@example.org", role: "admin" }, writer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("FORBIDDEN");
  });

  it("expires invitations after seven days", async () => {
    await call("POST", "/invitations", { email: "late@example.org", role: "contributor" }, asAdmin());
    const token = linkToken((await inbox.waitFor(1))[0]!.text, "/newsroom/invitation");
    clock = new Date(clock.getTime() + 8 * 24 * 3600 * 1000);
    const res = await call("POST", "/invitations/accept", { token, name: "Late", password: "copy-desk-at-midnight" });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toMatch(/expired/);
    // The admin's session has been idle past its limit by now.
    expect((await call("GET", "/session", undefined, { cookie: adminCookie })).statusCode).toBe(401);
    const again = await call("POST", "/login", creds());
    adminCookie = cookieOf(again);
    adminCsrf = again.json().csrfToken;
  });

  it("resets a password by an emailed single-use link and signs out every other session", async () => {
    const other = cookieOf(await call("POST", "/login", { email: ADMIN.email, password: ADMIN.password }));
    const unknown = await call("POST", "/password-reset", { email: "nobody@example.org" });
    expect(unknown.statusCode).toBe(202);
    const res = await call("POST", "/password-reset", { email: ADMIN.email });
    expect(res.statusCode).toBe(202);
    const mails = await inbox.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toMatchObject({ value: [{ address: ADMIN.email }] });
    const token = linkToken(mails[0]!.text, "/newsroom/reset-password");

    const weak = await call("POST", "/password-reset/confirm", { token, password: "qwertyuiop" });
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");
    const done = await call("POST", "/password-reset/confirm", { token, password: "a-new-leader-column" });
    expect(done.statusCode).toBe(200);
    expect((await call("GET", "/session", undefined, { cookie: other })).statusCode).toBe(401);
    expect(
      (await call("POST", "/password-reset/confirm", { token, password: "another-leader-column" })).statusCode,
    ).toBe(410);
    expect((await call("POST", "/login", creds())).statusCode).toBe(401);
    const fresh = await call("POST", "/login", { email: ADMIN.email, password: "a-new-leader-column" });
    expect(fresh.statusCode).toBe(200);
    ADMIN.password = "a-new-leader-column";
    adminCookie = cookieOf(fresh);
    adminCsrf = fresh.json().csrfToken;
  });

  it("ends sessions: idle and absolute expiry, sign out, sign out everywhere", async () => {
    const a = await call("POST", "/login", creds());
    const b = await call("POST", "/login", creds());
    const headersA = { cookie: cookieOf(a), "x-csrf-token": a.json().csrfToken };
    // Idle expiry: a request within the idle window keeps it alive.
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await call("GET", "/session", undefined, headersA)).statusCode).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await call("GET", "/session", undefined, headersA)).statusCode).toBe(200);
    expect((await call("GET", "/session", undefined, { cookie: cookieOf(b) })).statusCode).toBe(401);

    const out = await call("POST", "/logout-everywhere", undefined, headersA);
    expect(out.statusCode).toBe(204);
    expect((await call("GET", "/session", undefined, headersA)).statusCode).toBe(401);
    expect((await call("GET", "/session", undefined, { cookie: adminCookie })).statusCode).toBe(401);

    const c = await call("POST", "/login", creds());
    const headersC = { cookie: cookieOf(c), "x-csrf-token": c.json().csrfToken };
    expect((await call("POST", "/logout", undefined, headersC)).statusCode).toBe(204);
    expect((await call("GET", "/session", undefined, headersC)).statusCode).toBe(401);
    const d = await call("POST", "/login", creds());
    adminCookie = cookieOf(d);
    adminCsrf = d.json().csrfToken;
  });

  it("lets an admin change roles and disable accounts, but never remove the last admin", async () => {
    const users = (await call("GET", "/users", undefined, asAdmin())).json().items as { id: number; email: string }[];
    const me = users.find((u) => u.email === ADMIN.email)!;
    const wren = users.find((u) => u.email === "wren@example.org")!;
    const demoteSelf = await call("PATCH", `/users/${me.id}`, { role: "editor" }, asAdmin());
    expect(demoteSelf.statusCode).toBe(409);
    const promoted = await call("PATCH", `/users/${wren.id}`, { role: "editor" }, asAdmin());
    expect(promoted.json()).toMatchObject({ role: "editor" });
    const bad = await call("PATCH", `/users/${wren.id}`, { role: "owner" }, asAdmin());
    expect(bad.statusCode).toBe(400);
    const disabled = await call("PATCH", `/users/${wren.id}`, { disabled: true }, asAdmin());
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect(
      (await call("POST", "/login", { email: "wren@example.org", password: "copy-desk-at-midnight" })).statusCode,
    ).toBe(401);
    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", String(wren.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain("user.updated");
  });
});
