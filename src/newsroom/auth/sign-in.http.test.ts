import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { LOGIN_FAILURES_PER_ACCOUNT } from "./sign-in-limits.js";

// Signing in under attack: guesses from anywhere are limited per account, but they cannot lock
// the owner out of a network the account has signed in from; the counters hold under 60 parallel
// tries; the form is JSON only (no login CSRF from a cross-site form); a new password ends the
// other sessions.

const PASSWORD = "ink-and-deadlines-2026";
const cookieOf = (res: LightMyRequestResponse) => {
  const raw = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith("ld_session="));
  if (!raw) throw new Error(`no session cookie (${res.statusCode} ${res.body})`);
  return raw.split(";")[0]!;
};

describeEachDatabase("signing in", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-07-01T09:00:00Z");
  let nextNetwork = 10;
  /** A /24 nobody has used yet. */
  const freshAddress = () => `198.18.${nextNetwork++}.7`;
  const HOME = "192.0.2.44";

  const login = (email: string, password: string, remoteAddress: string) =>
    app.inject({ method: "POST", url: "/api/newsroom/login", payload: { email, password }, remoteAddress });

  beforeAll(async () => {
    const { handle, config } = get();
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
    const setup = await app.inject({
      method: "POST",
      url: "/api/newsroom/setup",
      payload: { email: "ada@newsroom.example", name: "Ada Admin", password: PASSWORD },
      remoteAddress: HOME,
    });
    expect(setup.statusCode).toBe(201);
  });
  afterAll(() => app?.close());

  it("checks no more passwords than the limit under 60 parallel tries", async () => {
    const tries = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login("ada@newsroom.example", `wrong-guess-${i}-xyz`, freshAddress())),
    );
    const checked = tries.filter((r) => r.statusCode === 401).length;
    const refused = tries.filter((r) => r.statusCode === 429).length;
    expect({ checked, refused }).toEqual({
      checked: LOGIN_FAILURES_PER_ACCOUNT,
      refused: 60 - LOGIN_FAILURES_PER_ACCOUNT,
    });
  });

  it("lets the owner in from a network the account has used, while guesses from elsewhere are refused", async () => {
    // The same state as above: the account is over its limit for networks it has never used.
    expect((await login("ada@newsroom.example", PASSWORD, freshAddress())).statusCode).toBe(429);
    const home = await login("ada@newsroom.example", PASSWORD, "192.0.2.200"); // same /24 as setup
    expect(home.statusCode).toBe(200);

    // Guessing from the owner's network has a limit of its own.
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      expect((await login("ada@newsroom.example", `wrong-at-home-${i}`, HOME)).statusCode).toBe(401);
    }
    expect((await login("ada@newsroom.example", PASSWORD, HOME)).statusCode).toBe(429);

    // Fifteen minutes on, both limits have passed.
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await login("ada@newsroom.example", PASSWORD, HOME)).statusCode).toBe(200);
    expect((await login("ada@newsroom.example", PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it("takes sign-in and account forms as JSON only (a cross-site form cannot sign anyone in)", async () => {
    const form = await app.inject({
      method: "POST",
      url: "/api/newsroom/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `email=ada%40newsroom.example&password=${PASSWORD}`,
      remoteAddress: HOME,
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(form.headers["set-cookie"]).toBeUndefined();
    const text = await app.inject({
      method: "POST",
      url: "/api/newsroom/login",
      headers: { "content-type": "text/plain" },
      payload: JSON.stringify({ email: "ada@newsroom.example", password: PASSWORD }),
      remoteAddress: HOME,
    });
    expect(text.statusCode).toBe(415);
    for (const url of ["/password-reset/confirm", "/invitations/accept", "/password-reset"]) {
      const res = await app.inject({
        method: "POST",
        url: `/api/newsroom${url}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "token=abc&password=x&name=y&email=z",
      });
      expect(res.statusCode, url).toBe(415);
    }
  });

  it("ends every other session when the password changes", async () => {
    const here = await login("ada@newsroom.example", PASSWORD, HOME);
    const elsewhere = await login("ada@newsroom.example", PASSWORD, HOME);
    const headers = { cookie: cookieOf(here), "x-csrf-token": here.json().csrfToken };
    const changed = await app.inject({
      method: "POST",
      url: "/api/newsroom/password",
      headers,
      payload: { currentPassword: PASSWORD, newPassword: "a-new-leader-column" },
    });
    expect(changed.statusCode).toBe(204);
    const session = (cookie: string) => app.inject({ url: "/api/newsroom/session", headers: { cookie } });
    expect((await session(cookieOf(elsewhere))).statusCode).toBe(401);
    expect((await session(headers.cookie)).statusCode).toBe(200);
  });
});
