import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildAuthor, buildImage, buildSection } from "../../test/support/factories.js";
import { signedIn } from "../../test/support/newsroom-session.js";
import { multipartBody } from "../media/media-test-files.js";
import { ADMIN_API_PREFIX } from "./admin-api.js";
import { ADMIN_ROUTES, routeKey } from "./admin-api.catalogue.js";
import { createIntegration, revokeIntegration } from "./integrations.js";
import { SCOPES, SCOPE_NAMES, type Scope } from "./scopes.js";

// The Admin API's matrix: every endpoint of the catalogue × every scope, through the live API, on
// both engines. A key whose scope grants the action the endpoint's guard names (the newsroom's
// own guard, read from the route) gets past it; any other key gets 403 FORBIDDEN. Then the
// entrance itself: no key, a bad or revoked key, a session cookie, hidden routes, audit, limits.

const now = new Date("2026-07-01T10:00:00Z");
const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] };

interface Fixture {
  db: Db;
  sectionId: number;
  article(status?: "draft" | "in_review" | "published"): Promise<number>;
  image(): Promise<number>;
  subscriber(): Promise<number>;
}
type Call = (key: string, f: Fixture) => Promise<LightMyRequestResponse>;

describeEachDatabase("Admin API", (get) => {
  let app: FastifyInstance;
  let fixture: Fixture;
  const keys = new Map<Scope, string>();
  let counter = 0;
  const call = (key: string, method: string, path: string, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url: ADMIN_API_PREFIX + path,
      headers: { authorization: `Bearer ${key}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

  const requests: Record<string, Call> = {
    "GET /articles": (k) => call(k, "GET", "/articles"),
    "POST /articles": (k) => call(k, "POST", "/articles", { headline: "From a key" }),
    "GET /articles/:id": async (k, f) => call(k, "GET", `/articles/${await f.article()}`),
    "PUT /articles/:id": async (k, f) =>
      call(k, "PUT", `/articles/${await f.article()}`, { baseVersion: 1, kicker: "K" }),
    "POST /articles/:id/submit": async (k, f) => call(k, "POST", `/articles/${await f.article()}/submit`, {}),
    "POST /articles/:id/schedule": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("in_review")}/schedule`, {
        baseVersion: 1,
        at: new Date(now.getTime() + 86_400_000).toISOString(),
      }),
    "POST /articles/:id/unschedule": async (k, f) => call(k, "POST", `/articles/${await f.article()}/unschedule`, {}),
    "POST /articles/:id/publish": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("in_review")}/publish`, { baseVersion: 1 }),
    "POST /articles/:id/discard": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("published")}/discard`, { baseVersion: 1 }),
    "POST /articles/:id/unpublish": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("published")}/unpublish`, {}),
    "POST /articles/:id/notes": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("published")}/notes`, { kind: "correction", text: "Fixed." }),
    "POST /articles/:id/trash": async (k, f) => call(k, "POST", `/articles/${await f.article()}/trash`, {}),
    "POST /media": async (k) => {
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#aa3366" } })
        .png()
        .toBuffer();
      const { payload, contentType } = multipartBody([
        { name: "alt", value: "A square" },
        { name: "file", filename: "square.png", type: "image/png", data: png },
      ]);
      return app.inject({
        method: "POST",
        url: `${ADMIN_API_PREFIX}/media`,
        headers: { authorization: `Bearer ${k}`, "content-type": contentType },
        payload,
      });
    },
    "GET /media": (k) => call(k, "GET", "/media"),
    "GET /media/:id": async (k, f) => call(k, "GET", `/media/${await f.image()}`),
    "PATCH /media/:id": async (k, f) => call(k, "PATCH", `/media/${await f.image()}`, { alt: "After" }),
    "GET /sections": (k) => call(k, "GET", "/sections"),
    "POST /sections": (k) => call(k, "POST", "/sections", { name: `Desk ${unique()}` }),
    "PATCH /sections/:id": (k, f) => call(k, "PATCH", `/sections/${f.sectionId}`, { name: "UK" }),
    "GET /tags": (k) => call(k, "GET", "/tags"),
    "POST /tags": (k) => call(k, "POST", "/tags", { name: `Topic ${unique()}` }),
    "GET /authors": (k) => call(k, "GET", "/authors"),
    "POST /authors": (k) => call(k, "POST", "/authors", { name: `Author ${unique()}` }),
    "PATCH /authors/:id": async (k, f) =>
      call(k, "PATCH", `/authors/${(await buildAuthor(f.db, { slug: `a-${unique()}` })).id}`, { bio: "Bio." }),
    "GET /subscribers": (k) => call(k, "GET", "/subscribers"),
    "POST /subscribers": (k) =>
      call(k, "POST", "/subscribers", { email: `reader-${unique()}@example.com`, newsletter: "morning-headlines" }),
    "POST /subscribers/:id/confirm": async (k, f) =>
      call(k, "POST", `/subscribers/${await f.subscriber()}/confirm`, {
        newsletter: "morning-headlines",
        consent: "Ticked the box at the festival stand",
      }),
    "POST /subscribers/:id/unsubscribe": async (k, f) =>
      call(k, "POST", `/subscribers/${await f.subscriber()}/unsubscribe`, {}),
    "GET /subscribers/export.csv": (k) => call(k, "GET", "/subscribers/export.csv"),
    "GET /articles/:id/live-entries": async (k, f) => call(k, "GET", `/articles/${await f.article()}/live-entries`),
    "POST /articles/:id/live-entries": async (k, f) =>
      call(k, "POST", `/articles/${await f.article("published")}/live-entries`, { body: doc }),
    "PUT /articles/:id/live-entries/:entryId": async (k, f) =>
      call(k, "PUT", `/articles/${await f.article("published")}/live-entries/1`, { title: "T" }),
    "DELETE /articles/:id/live-entries/:entryId": async (k, f) =>
      call(k, "DELETE", `/articles/${await f.article("published")}/live-entries/1`),
    "GET /webhooks": (k) => call(k, "GET", "/webhooks"),
    "POST /webhooks": (k) =>
      call(k, "POST", "/webhooks", { name: "Hook", url: "http://127.0.0.1:9/hook", events: ["article.published"] }),
    "PATCH /webhooks/:id": (k) => call(k, "PATCH", "/webhooks/999999", { name: "Renamed" }),
    "DELETE /webhooks/:id": (k) => call(k, "DELETE", "/webhooks/999999"),
    "GET /webhooks/:id/deliveries": (k) => call(k, "GET", "/webhooks/999999/deliveries"),
    "POST /webhooks/:id/test": (k) => call(k, "POST", "/webhooks/999999/test", {}),
    "POST /webhooks/:id/deliveries/:deliveryId/redeliver": (k) =>
      call(k, "POST", "/webhooks/999999/deliveries/1/redeliver", {}),
  };

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    const owner = await signedIn(db, "writer", now);
    const sectionId = (await buildSection(db, { slug: `uk-${unique()}`, name: "UK" })).id;
    const authorId = (await buildAuthor(db, { slug: `staff-${unique()}`, name: "Staff" })).id;
    fixture = {
      db,
      sectionId,
      async article(status = "draft") {
        const row = await buildArticle(db, { sectionId, publishedAt: now, status, body: doc, authorIds: [authorId] });
        await db
          .updateTable("articles")
          .set({ created_by: owner.user.id, published_at: status === "published" ? now.toISOString() : null })
          .where("id", "=", row.id)
          .execute();
        return row.id;
      },
      async image() {
        return (await buildImage(db, { alt: "Before" })).id;
      },
      async subscriber() {
        const at = now.toISOString();
        const person = await db
          .insertInto("subscribers")
          .values({ email: `p-${unique()}@example.com`, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        const letter = await db
          .selectFrom("newsletters")
          .select("id")
          .where("slug", "=", "morning-headlines")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("subscriptions")
          .values({ subscriber_id: person.id, newsletter_id: letter.id, created_at: at, updated_at: at })
          .execute();
        return person.id;
      },
    };
    for (const scope of SCOPE_NAMES) {
      const made = await createIntegration(
        db,
        { name: `only ${scope} ${unique()}`, scopes: [scope] },
        { userId: null },
        now,
      );
      keys.set(scope, made.key);
    }
    app = await buildApp({ config, db, now: () => now, logger: false, adminApi: { perMinute: 10_000 } });
  });
  afterAll(() => app?.close());

  for (const route of ADMIN_ROUTES) {
    const name = routeKey(route.method, route.path);
    it(`${name}: only the scopes that grant its action`, async () => {
      const action = app.adminApiActions?.get(routeKey(route.method, ADMIN_API_PREFIX + route.path));
      expect(action, `${name} has a guard`).toBeDefined();
      const request = requests[name];
      expect(request, `a request for ${name}`).toBeDefined();
      for (const scope of SCOPE_NAMES) {
        const res = await request!(keys.get(scope)!, fixture);
        const allowed = (SCOPES[scope] as readonly string[]).includes(action!);
        const what = `${scope} ${name}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (allowed) {
          expect([401, 403, 405], what).not.toContain(res.statusCode);
          // A 404 may only be about the (absent) thing asked for, never the endpoint itself.
          if (res.statusCode === 404) expect(res.json().error.message, what).not.toMatch(/endpoint/);
        } else {
          expect(res.statusCode, what).toBe(403);
          expect(res.json().error.code).toBe("FORBIDDEN");
        }
      }
    });
  }

  it("has a request for every endpoint, and refuses calls without a good key", async () => {
    expect(Object.keys(requests).sort()).toEqual(ADMIN_ROUTES.map((r) => routeKey(r.method, r.path)).sort());
    const none = await app.inject({ method: "GET", url: `${ADMIN_API_PREFIX}/articles` });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe("UNAUTHORIZED");
    expect(none.headers["www-authenticate"]).toContain("Bearer");
    expect((await call("ldk_not-a-key", "GET", "/articles")).statusCode).toBe(401);
    // A newsroom session is no way into the Admin API.
    const editor = await signedIn(fixture.db, "admin", now);
    const cookie = await app.inject({ method: "GET", url: `${ADMIN_API_PREFIX}/articles`, headers: editor.headers });
    expect(cookie.statusCode).toBe(401);
  });

  it("describes itself in OpenAPI 3.1 from the handlers' schemas, each operation with its scopes", async () => {
    const res = await app.inject({ method: "GET", url: `${ADMIN_API_PREFIX}/openapi.json` });
    expect(res.statusCode).toBe(200);
    const docu = res.json() as { openapi: string; paths: Record<string, Record<string, { "x-scopes": string[] }>> };
    expect(docu.openapi).toBe("3.1.0");
    const operations = Object.values(docu.paths).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(ADMIN_ROUTES.length);
    for (const op of operations) expect(op["x-scopes"].length).toBeGreaterThan(0);
    expect(JSON.stringify(docu.paths["/articles/{id}"]!.put)).toContain("baseVersion");
  });

  it("answers 404 for newsroom routes outside the catalogue, with or without a key", async () => {
    const key = keys.get("content:read")!;
    for (const path of ["/users", "/session", "/audit", "/integrations", "/articles/1/presence"]) {
      const res = await call(key, "GET", path);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
    }
  });

  it("audits every call as the integration, writes as its account, and stops at once on revoke", async () => {
    const made = await createIntegration(
      fixture.db,
      { name: `writer ${unique()}`, scopes: ["drafts:write", "content:read"] },
      { userId: null },
      now,
    );
    const created = await call(made.key, "POST", "/articles", { headline: "Written by a machine" });
    expect(created.statusCode).toBe(201);
    const article = await fixture.db
      .selectFrom("articles")
      .select("created_by")
      .where("id", "=", created.json().id)
      .executeTakeFirstOrThrow();
    const account = await fixture.db
      .selectFrom("integrations")
      .select("user_id")
      .where("id", "=", made.integration.id)
      .executeTakeFirstOrThrow();
    expect(article.created_by).toBe(account.user_id);
    expect((await call(made.key, "GET", "/articles")).statusCode).toBe(200);
    const audit = await fixture.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "detail"])
      .where("subject_type", "=", "integration")
      .where("subject_id", "=", String(made.integration.id))
      .where("action", "=", "api.call")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.user_id, JSON.parse(a.detail).status])).toEqual([
      [account.user_id, 201],
      [account.user_id, 200],
    ]);
    await revokeIntegration(fixture.db, { id: made.integration.id }, { userId: null }, now);
    expect((await call(made.key, "GET", "/articles")).statusCode).toBe(401);
  });

  it("limits calls per key with 429 and Retry-After, in the one error format", async () => {
    const limited = await buildApp({
      ...get(),
      db: fixture.db,
      now: () => now,
      logger: false,
      adminApi: { perMinute: 3 },
    });
    try {
      const a = await createIntegration(
        fixture.db,
        { name: `busy ${unique()}`, scopes: ["content:read"] },
        { userId: null },
        now,
      );
      const b = await createIntegration(
        fixture.db,
        { name: `calm ${unique()}`, scopes: ["content:read"] },
        { userId: null },
        now,
      );
      const hit = (key: string) =>
        limited.inject({
          method: "GET",
          url: `${ADMIN_API_PREFIX}/sections`,
          headers: { authorization: `Bearer ${key}` },
        });
      for (let i = 0; i < 3; i += 1) expect((await hit(a.key)).statusCode).toBe(200);
      const over = await hit(a.key);
      expect(over.statusCode).toBe(429);
      expect(over.json().error.code).toBe("RATE_LIMITED");
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      expect((await hit(b.key)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
