import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { buildPageLayer } from "../page-layer.js";
import { createLiveHub } from "../live/live-setup.js";
import { type Bus, redisBus } from "../platform/bus/index.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type SseConnection, openSse, until } from "../../test/support/sse-client.js";
import { BannerBoard } from "./banner-board.js";
import { bannerTopic } from "./banner-setup.js";

// The banner end to end on two instances sharing one database and one Redis, with an injected
// clock: raised on one, it is in the next page either serves, from the page cache and its fast path
// too (the stored page is not re-rendered), and on the site-wide stream of the other; it expires at
// its time by the clock; taken down, it leaves the pages; only editors raise it; links are checked.

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describeEachDatabase("breaking-news banner", (get) => {
  const prefix = `test-banner-${randomBytes(4).toString("hex")}:`;
  const buses: Bus[] = [];
  const apps: FastifyInstance[] = [];
  const open: SseConnection[] = [];
  let clock = Date.parse("2030-03-01T09:00:00Z");
  const now = () => new Date(clock);
  let one: FastifyInstance;
  let two: FastifyInstance;
  let editor: SignedIn;
  let writer: SignedIn;
  let storyPath = "";

  async function instance(): Promise<FastifyInstance> {
    const { handle, config } = get();
    const bus = await redisBus({ url: REDIS_URL, prefix });
    buses.push(bus);
    const pages = buildPageLayer({
      config,
      db: handle.db,
      now,
      log: { warn: () => undefined, error: () => undefined },
    });
    const banner = new BannerBoard(handle.db, now);
    const live = createLiveHub({
      bus,
      db: handle.db,
      timeZone: config.timeZone,
      pages,
      site: bannerTopic(banner, pages),
    });
    const app = await buildApp({ config, db: handle.db, now, logger: false, pages, bus, live, banner });
    await app.listen({ port: 0, host: "127.0.0.1" });
    await bus.ready();
    apps.push(app);
    return app;
  }
  const base = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const page = async (app: FastifyInstance, path = storyPath) => {
    const res = await fetch(base(app) + path, { headers: { "accept-encoding": "gzip" } });
    return {
      status: res.status,
      cache: res.headers.get("x-cache"),
      etag: res.headers.get("etag"),
      html: await res.text(),
    };
  };
  const raise = (app: FastifyInstance, who: SignedIn, payload: object) =>
    app.inject({ method: "POST", url: "/api/newsroom/banner", headers: who.headers, payload });

  beforeAll(async () => {
    const { handle } = get();
    const section = await buildSection(handle.db, { slug: "uk", name: "UK" });
    await buildArticle(handle.db, { sectionId: section.id, slug: "flood-warning", publishedAt: now() });
    storyPath = "/uk/flood-warning";
    editor = await signedIn(handle.db, "editor", now());
    writer = await signedIn(handle.db, "writer", now());
    one = await instance();
    two = await instance();
  });
  afterAll(async () => {
    for (const c of open) c.drop();
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(buses.map((b) => b.close()));
  });

  it("only editors raise it, and only with a link readers may follow and a time to come", async () => {
    expect((await raise(one, writer, { text: "Flooding", url: "/uk/flood-warning" })).statusCode).toBe(403);
    for (const url of ["javascript:alert(1)", "//evil.example/x", "uk/flood"]) {
      const res = await raise(one, editor, { text: "Flooding", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    const past = await raise(one, editor, {
      text: "Flooding",
      url: "/x",
      expiresAt: new Date(clock - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect((await raise(one, editor, { text: " ", url: "/x" })).statusCode).toBe(400);
  });

  it("goes into cached pages at send time, on every instance, and onto open streams", async () => {
    // Stored and answered by the fast path before the banner.
    const cold = await page(one);
    expect(cold.html).not.toContain("site-banner-link");
    expect((await page(one)).cache).toBe("hit");
    const quiet = await page(one);
    const stream = openSse(`${base(two)}/banner/events?since=0`);
    open.push(stream);
    expect(await stream.status).toBe(200);

    const res = await raise(one, editor, {
      text: "Thames Barrier closed <now>",
      url: storyPath,
      live: true,
      expiresAt: new Date(clock + 60 * 60_000).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().banner).toMatchObject({ text: "Thames Barrier closed <now>", live: true });

    const hot = await page(one);
    expect(hot.cache).toBe("hit");
    expect(hot.etag).not.toBe(quiet.etag);
    expect(hot.html).toContain('aria-label="Breaking news"');
    expect(hot.html).toContain("Thames Barrier closed &lt;now>");
    expect(hot.html).toMatch(/site-banner-live[^>]*>Live</);
    // Again from the fast path, now with the filled copy made.
    expect((await page(one)).html).toContain("Thames Barrier closed");
    // A browser holding the page before the banner is sent the new one, not a 304.
    const revalidate = await fetch(base(one) + storyPath, { headers: { "if-none-match": quiet.etag! } });
    expect(revalidate.status).toBe(200);
    await revalidate.text();

    await until(() => stream.events.some((e) => e.event === "banner"), 5000, "banner on the other instance's stream");
    const event = JSON.parse(stream.events.find((e) => e.event === "banner")!.data);
    expect(event.banner.text).toBe("Thames Barrier closed <now>");
    expect(event.html).toContain("site-banner-link");
    // The other instance's pages and its JSON carry it once it has heard.
    await expect
      .poll(async () => (await page(two)).html.includes("Thames Barrier closed"), { timeout: 5000 })
      .toBe(true);
    const json = await (await fetch(`${base(two)}/banner.json`)).json();
    expect(json.banner.text).toBe("Thames Barrier closed <now>");
  });

  it("expires at its time by the clock, and comes down when taken down", async () => {
    clock += 61 * 60_000;
    expect((await page(one)).html).not.toContain("site-banner-link");
    const json = await (await fetch(`${base(one)}/banner.json`)).json();
    expect(json.banner).toBeNull();
    const state = await one.inject({ method: "GET", url: "/api/newsroom/banner", headers: editor.headers });
    expect(state.json()).toMatchObject({ showing: false, banner: { text: "Thames Barrier closed <now>" } });

    expect((await raise(one, editor, { text: "Second warning", url: "https://example.org/warning" })).statusCode).toBe(
      201,
    );
    expect((await page(one)).html).toContain("Second warning");
    const stream = openSse(`${base(one)}/banner/events?since=${state.json().rev}`);
    open.push(stream);
    await until(() => stream.events.some((e) => e.event === "banner"), 5000, "catch-up");
    const down = await one.inject({ method: "DELETE", url: "/api/newsroom/banner", headers: editor.headers });
    expect(down.statusCode).toBe(200);
    expect(down.json().banner).toBeNull();
    await until(() => stream.events.filter((e) => e.event === "banner").length === 2, 5000, "take-down");
    expect(JSON.parse(stream.events.at(-1)!.data)).toMatchObject({ banner: null, html: null });
    expect((await page(one)).html).not.toContain("site-banner-link");
    await expect.poll(async () => (await page(two)).html.includes("Second warning"), { timeout: 5000 }).toBe(false);
    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "banner")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["banner.lower", "banner.raise", "banner.raise"]);
  });
});
