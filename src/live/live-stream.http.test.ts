import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { buildPageLayer } from "../page-layer.js";
import { type Bus, redisBus } from "../platform/bus/index.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type SseConnection, openSse, until } from "../../test/support/sse-client.js";
import { createLiveHub } from "./live-setup.js";
import { setLiveStatus } from "./live.writes.js";

// The stream on real sockets, two instances on one database and one Redis: a reader who drops
// mid-burst and resumes with Last-Event-ID ends with every entry exactly once; an entry posted on
// one instance reaches streams on the other; heartbeats flow; shutdown ends streams at once.

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

interface Entry {
  id: number;
  rev: number;
  html: string | null;
}

describeEachDatabase("live stream", (get) => {
  const prefix = `test-live-${randomBytes(4).toString("hex")}:`;
  const buses: Bus[] = [];
  const apps: FastifyInstance[] = [];
  let one: FastifyInstance;
  let two: FastifyInstance;
  let editors: SignedIn[] = [];
  let articleId = 0;
  let draftId = 0;
  const open: SseConnection[] = [];

  async function instance(heartbeatMs?: number): Promise<{ app: FastifyInstance; base: string }> {
    const { handle, config } = get();
    const bus = await redisBus({ url: REDIS_URL, prefix });
    buses.push(bus);
    const now = () => new Date();
    const pages = buildPageLayer({
      config,
      db: handle.db,
      now,
      log: { warn: () => undefined, error: () => undefined },
    });
    const live = createLiveHub({
      bus,
      db: handle.db,
      timeZone: config.timeZone,
      pages,
      ...(heartbeatMs ? { heartbeatMs } : {}),
    });
    const app = await buildApp({ config, db: handle.db, now, logger: false, pages, bus, live });
    await app.listen({ port: 0, host: "127.0.0.1" });
    await bus.ready();
    apps.push(app);
    return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  }
  const baseOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const stream = (app: FastifyInstance, query = "", headers: Record<string, string> = {}) => {
    const conn = openSse(`${baseOf(app)}/live/${articleId}/events${query}`, headers);
    open.push(conn);
    return conn;
  };
  const entries = (conn: SseConnection) =>
    conn.events.filter((e) => e.event === "entry").map((e) => JSON.parse(e.data) as Entry);
  const post = (app: FastifyInstance, who: SignedIn, text: string) =>
    app.inject({
      method: "POST",
      url: `/api/newsroom/articles/${articleId}/live-entries`,
      headers: who.headers,
      payload: { body: doc(text) },
    });
  const rev = async () => {
    const row = await get()
      .handle.db.selectFrom("live_blogs")
      .select("rev")
      .where("article_id", "=", articleId)
      .executeTakeFirstOrThrow();
    return Number(row.rev);
  };

  beforeAll(async () => {
    const { handle } = get();
    const section = await buildSection(handle.db, { slug: "uk", name: "UK" });
    articleId = (await buildArticle(handle.db, { sectionId: section.id, slug: "live", publishedAt: new Date() })).id;
    draftId = (
      await buildArticle(handle.db, { sectionId: section.id, slug: "d", publishedAt: new Date(), status: "draft" })
    ).id;
    await setLiveStatus(handle.db, articleId, "open", new Date());
    await setLiveStatus(handle.db, draftId, "open", new Date());
    editors = await Promise.all([1, 2, 3].map(() => signedIn(handle.db, "editor")));
    one = (await instance()).app;
    two = (await instance()).app;
  });
  afterAll(async () => {
    for (const c of open) c.drop();
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(buses.map((b) => b.close()));
  });

  it("resumes from Last-Event-ID mid-burst: every entry exactly once, in order", async () => {
    const start = await rev();
    const first = stream(one, `?since=${start}`);
    expect(await first.status).toBe(200);
    // Three journalists post ten entries each at once, on both instances.
    const burst = Promise.all(
      editors.map(async (who, j) => {
        const ids: number[] = [];
        for (let i = 0; i < 10; i++) {
          const res = await post(j === 1 ? two : one, who, `Journalist ${j}, entry ${i}`);
          expect(res.statusCode, res.body).toBe(201);
          ids.push(res.json().id);
        }
        return ids;
      }),
    );
    await until(() => entries(first).length >= 8, 10_000, "eight entries");
    first.drop();
    const resumeFrom = first.lastEventId!;
    const before = entries(first);
    // The reader is away while entries go on landing.
    await new Promise((r) => setTimeout(r, 150));
    const second = stream(two, "", { "last-event-id": resumeFrom });
    const posted = (await burst).flat();
    await until(() => before.length + entries(second).length >= posted.length, 10_000, "every entry");
    await new Promise((r) => setTimeout(r, 200)); // a duplicate would arrive now
    const all = [...before, ...entries(second)];
    expect(all.map((e) => e.id).sort((a, b) => a - b)).toEqual([...posted].sort((a, b) => a - b));
    const revs = all.map((e) => e.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
    expect(new Set(revs).size).toBe(revs.length);
    expect(all.every((e) => e.html?.includes(`data-entry="${e.id}"`))).toBe(true);
  });

  it("carries an entry posted on one instance to streams on the other, then its edit and delete", async () => {
    const conn = stream(two, `?since=${await rev()}`);
    expect(await conn.status).toBe(200);
    const res = await post(one, editors[0]!, "From the other instance");
    const entry = res.json();
    await until(() => entries(conn).some((e) => e.id === entry.id), 3000, "the entry on instance two");
    await one.inject({
      method: "PUT",
      url: `/api/newsroom/articles/${articleId}/live-entries/${entry.id}`,
      headers: editors[0]!.headers,
      payload: { body: doc("From the other instance, corrected") },
    });
    await until(() => entries(conn).some((e) => e.html?.includes("corrected")), 3000, "the edit");
    await one.inject({
      method: "DELETE",
      url: `/api/newsroom/articles/${articleId}/live-entries/${entry.id}`,
      headers: editors[0]!.headers,
    });
    await until(() => entries(conn).some((e) => e.id === entry.id && e.html === null), 3000, "the delete");
  });

  it("answers 404 for an article that is not a published live blog, and 400 for a bad id", async () => {
    expect(await stream(one).status).toBe(200);
    const draft = openSse(`${baseOf(one)}/live/${draftId}/events`);
    open.push(draft);
    expect(await draft.status).toBe(404);
    const bad = openSse(`${baseOf(one)}/live/abc/events`);
    open.push(bad);
    expect(await bad.status).toBe(400);
  });

  it("sends heartbeats and ends every stream at once on shutdown", async () => {
    const { app } = await instance(40);
    const conn = openSse(`${baseOf(app)}/live/${articleId}/events`);
    open.push(conn);
    expect(await conn.status).toBe(200);
    await until(() => conn.comments >= 2, 3000, "two heartbeats");
    const t0 = Date.now();
    await app.close();
    await conn.ended;
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("tells an open stream that the live blog closed, and a new one at once", async () => {
    const conn = stream(one);
    expect(await conn.status).toBe(200);
    const res = await one.inject({
      method: "PUT",
      url: `/api/newsroom/articles/${articleId}/live`,
      headers: editors[0]!.headers,
      payload: { status: "closed" },
    });
    expect(res.statusCode, res.body).toBe(200);
    await until(() => conn.events.some((e) => e.event === "status" && e.data.includes("closed")), 3000, "closed");
    const late = stream(two);
    await late.ended;
    expect(late.events.map((e) => e.event)).toEqual(["status"]);
  });
});
