import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { TEST_DATA_DIR, describeEachDatabase } from "../test/support/databases.js";
import { buildSection } from "../test/support/factories.js";

// What every answer shares, whatever route (or none) handles it: the one error handler with the
// security headers for URLs the router cannot read, 405 with Allow for methods a path does not
// take, cross-origin loading for public assets, and X-Forwarded-For only from a configured proxy.

const NOW = new Date("2026-07-01T09:00:00Z");

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["content-security-policy"], what).toContain("default-src 'self'");
  expect(res.headers["x-frame-options"], what).toBeDefined();
}

describeEachDatabase("every answer", (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "uk", name: "UK" });
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("answers URLs it cannot decode through the one error handler, with the security headers", async () => {
    const api = await app.inject("/api/content/articles/%ed%a0%80");
    expect(api.statusCode).toBe(400);
    expect(api.json()).toEqual({ error: { code: "BAD_REQUEST", message: expect.any(String) } });
    expectSecurityHeaders(api, "api");

    for (const url of ["/feeds/rss.xml?%", "/uk/%ed%a0%80", "/uk?page=%E0%A4%A"]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.body, url).toContain("That request could not be read");
      expectSecurityHeaders(res, url);
    }
  });

  it("answers TRACE and other methods a path does not take with 405 and Allow", async () => {
    const trace = await app.inject({ method: "TRACE", url: "/" });
    expect(trace.statusCode).toBe(405);
    expect(trace.headers.allow).toBe("GET, HEAD");
    expect(trace.body).toContain("That cannot be done here");
    expectSecurityHeaders(trace, "TRACE");

    const post = await app.inject({ method: "POST", url: "/feeds/rss.xml" });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");

    const api = await app.inject({ method: "DELETE", url: "/api/content/articles" });
    expect(api.statusCode).toBe(405);
    expect(api.headers.allow).toBe("GET, HEAD");
    expect(api.json().error.code).toBe("METHOD_NOT_ALLOWED");

    const login = await app.inject({ method: "GET", url: "/api/newsroom/login" });
    expect(login.statusCode).toBe(405);
    expect(login.headers.allow).toBe("POST");

    // A path nobody serves is still a 404.
    expect((await app.inject({ method: "POST", url: "/api/content/nothing-here" })).statusCode).toBe(404);
  });

  it("names a body that is too large the same way on every JSON endpoint", async () => {
    // The beacon is answered by the app's own handler, not an API's: the code must not differ.
    const beacon = await app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ pad: "x".repeat(4096) }),
    });
    expect(beacon.statusCode).toBe(413);
    expect(beacon.json().error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("lets other origins load media, fonts, images and built assets; pages stay same-origin", async () => {
    const file = path.join(TEST_DATA_DIR, "media/images/test/corp.txt");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "an image, as far as this test cares");
    for (const url of [
      "/media/images/test/corp.txt",
      "/assets/logo-512.png",
      "/assets/logo.svg",
      "/assets/site.css",
      "/assets/fonts/source-serif-4-latin-400-normal.woff2",
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cross-origin-resource-policy"], url).toBe("cross-origin");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
    expect((await app.inject("/")).headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect((await app.inject("/api/newsroom/session")).headers["cross-origin-resource-policy"]).toBe("same-origin");
  });

  it("takes the client's address from X-Forwarded-For only when TRUST_PROXY names the proxy", async () => {
    const { handle, config } = get();
    const failedLoginFrom = async (target: FastifyInstance, email: string, forwarded = "198.51.100.77") => {
      await target.inject({
        method: "POST",
        url: "/api/newsroom/login",
        payload: { email, password: "not-the-password" },
        headers: { "x-forwarded-for": forwarded },
        remoteAddress: "127.0.0.1",
      });
      const row = await handle.db
        .selectFrom("audit_log")
        .select("ip")
        .where("subject_id", "=", email)
        .executeTakeFirstOrThrow();
      return row.ip;
    };
    expect(await failedLoginFrom(app, "spoofed@example.org")).toBe("127.0.0.1");

    const behindProxy = await buildApp({
      config: { ...config, trustProxy: ["127.0.0.1"] },
      db: handle.db,
      now: () => NOW,
      logger: false,
    });
    // One hop: the address our proxy added, not what the client wrote before it.
    const oneHop = await buildApp({
      config: { ...config, trustProxy: 1 },
      db: handle.db,
      now: () => NOW,
      logger: false,
    });
    try {
      expect(await failedLoginFrom(behindProxy, "proxied@example.org")).toBe("198.51.100.77");
      expect(await failedLoginFrom(oneHop, "hop@example.org", "203.0.113.9, 198.51.100.78")).toBe("198.51.100.78");
    } finally {
      await behindProxy.close();
      await oneHop.close();
    }
  });
});
