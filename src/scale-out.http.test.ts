import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../test/support/databases.js";
import { buildNewsroom } from "../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../test/support/newsroom-session.js";
import { REDIS_URL, dropKeys, killSubscribers, redisPrefix } from "../test/support/redis-clients.js";
import { S3RVER_CREDENTIALS, type TestS3, startS3 } from "../test/support/s3-server.js";
import { type ServerProcess, freshPostgresSchema, runProcess, startServer } from "../test/support/server-run.js";
import type { MediaItem } from "./media/media-item.js";
import { multipartBody, twoTone } from "./media/media-test-files.js";
import type { Database } from "./database.js";
import { connectDatabase } from "./platform/db/connect.js";

// Three web instances on one PostgreSQL, one Redis and one bucket (s3rver, started here), as
// docs/deploy.md runs them: a write through one is on the others' cached pages at their next
// request, a CLI write in another process too, an image uploaded through one is served by the
// others, and an instance cut off from Redis drops its whole cache rather than serve what it may
// have missed.

const TOKEN = "metrics-token-for-the-test";

describe("three web instances on PostgreSQL and Redis", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let dataDir: string;
  let prefix: string;
  const servers: ServerProcess[] = [];
  let db: ReturnType<typeof connectDatabase<Database>>;
  let editor: SignedIn;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  let env: Record<string, string>;
  let s3: TestS3;

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    s3 = await startS3();
    const bucket = await s3.bucket("scale-out");
    prefix = redisPrefix("scale");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-scale-"));
    env = {
      ...schema.env,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      REDIS_URL,
      REDIS_PREFIX: prefix,
      RUN_JOBS: "false",
      METRICS_TOKEN: TOKEN,
      SITE_URL: "http://localhost:3000",
      S3_BUCKET: bucket.bucket,
      S3_ENDPOINT: bucket.endpoint!,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    };
    // The first migrates; the other two start together and find it done.
    servers.push(await startServer(env, 120_000));
    servers.push(...(await Promise.all([startServer(env, 120_000), startServer(env, 120_000)])));
    db = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: schema.schema });
    f = await buildNewsroom(db.db);
    editor = await signedIn(db.db, "editor");
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.destroy();
    await schema?.drop();
    await dropKeys(prefix);
    await s3?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const page = async (server: ServerProcess, url: string) => {
    const res = await fetch(server.url + url);
    return { status: res.status, cache: res.headers.get("x-cache"), body: await res.text() };
  };
  const api = async (server: ServerProcess, method: string, url: string, body?: object) => {
    const res = await fetch(`${server.url}/api/newsroom${url}`, {
      method,
      headers: { ...editor.headers, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as Record<string, any>;
  };
  const cachedEverywhere = async (url: string) => {
    for (const s of servers) {
      await page(s, url);
      expect((await page(s, url)).cache).toBe("hit");
    }
  };
  /** Saves a headline into the published story's pending copy through `server`, then Updates it there. */
  const retitle = async (server: ServerProcess, id: number, headline: string) => {
    const draft = await api(server, "GET", `/articles/${id}`);
    await api(server, "PUT", `/articles/${id}`, { baseVersion: draft.version, headline });
    const pending = await api(server, "GET", `/articles/${id}`);
    await api(server, "POST", `/articles/${id}/publish`, { baseVersion: pending.version });
  };
  const articleUrl = () => `/uk/${f.lead.slug}`;

  it("shows an Update made through one instance on the others' next request, and the home page's card too", async () => {
    const url = articleUrl();
    expect((await page(servers[0]!, url)).status).toBe(200);
    await cachedEverywhere(url);
    await cachedEverywhere("/");
    await retitle(servers[0]!, f.lead.id, "Night buses return to every crossing, says the mayor");
    for (const s of servers.slice(1)) {
      const article = await page(s, url);
      expect(article.cache).not.toBe("hit");
      expect(article.body).toContain("Night buses return to every crossing, says the mayor");
      expect((await page(s, "/")).body).toContain("Night buses return to every crossing, says the mayor");
    }
    // Pages the write did not touch stay cached on the others.
    const metrics = await fetch(`${servers[1]!.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await metrics.text()).toMatch(/page_cache_invalidations_received_total\{role="web"\} [1-9]/);
  });

  it("reaches every instance's cache from a CLI command in another process (a reindex drops everything)", async () => {
    const url = articleUrl();
    await cachedEverywhere(url);
    const run = await runProcess(["bin/london-daily.js", "reindex"], env, 120_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const s of servers) expect((await page(s, url)).cache).not.toBe("hit");
  });

  it("drops the whole cache of an instance cut off from Redis, and serves the write it missed", async () => {
    const url = articleUrl();
    await cachedEverywhere(url);
    const b = servers[1]!;
    const drops = async () =>
      Number(
        /page_cache_full_drops_total\{reason="gap",role="web"\} (\d+)/.exec(
          await (await fetch(`${b.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(),
        )?.[1] ?? 0,
      );
    const before = await drops();
    expect(await killSubscribers(prefix)).toBe(3);
    // Written while the subscribers are away: nobody hears of it through Redis.
    await retitle(servers[0]!, f.lead.id, "Night buses: the crossings that missed out");
    expect((await page(b, url)).body).toContain("Night buses: the crossings that missed out");
    // Back on Redis, each has dropped everything once (the gap), and readiness says Redis is fine.
    await expect.poll(drops, { timeout: 10_000 }).toBe(before + 1);
    const health = await (await fetch(`${b.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", database: "ok", redis: "ok", storage: "ok" });
    // And it hears writes again.
    await cachedEverywhere(url);
    await retitle(servers[2]!, f.lead.id, "Night buses return, and stay");
    for (const s of servers.slice(0, 2)) expect((await page(s, url)).body).toContain("Night buses return, and stay");
  });

  it("serves an image uploaded through one instance from the others, with the same bytes and ETag", async () => {
    const original = await twoTone(640, 360).jpeg().toBuffer();
    const { payload, contentType } = multipartBody([
      { name: "alt", value: "Night buses at the depot" },
      { name: "file", filename: "depot.jpg", type: "image/jpeg", data: original },
    ]);
    const res = await fetch(`${servers[0]!.url}/api/newsroom/media`, {
      method: "POST",
      headers: { ...editor.headers, "content-type": contentType },
      body: new Uint8Array(payload),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const item = (await res.json()) as MediaItem;
    // Nothing of it is on A's disk: the bucket holds it.
    expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);
    const fromA = await fetch(servers[0]!.url + item.url);
    const bytes = Buffer.from(await fromA.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    for (const s of servers.slice(1)) {
      const answer = await fetch(s.url + item.url);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("image/jpeg");
      expect(answer.headers.get("etag")).toBe(fromA.headers.get("etag"));
      expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
      const range = await fetch(s.url + item.url, { headers: { range: "bytes=0-9" } });
      expect(range.status).toBe(206);
      expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(0, 10))).toBe(true);
    }
    // And its library entry, read through another instance, is the same.
    expect((await api(servers[2]!, "GET", `/media/${item.id}`)).url).toBe(item.url);
  });

  it("shares sign-in limits (the database) and sign-up limits (Redis) across instances", async () => {
    const login = (server: ServerProcess) =>
      fetch(`${server.url}/api/newsroom/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: editor.user.email, password: "not the password at all" }),
      });
    // Ten wrong passwords, split over two instances, close the counter on all three.
    for (let i = 0; i < 10; i++) expect((await login(servers[i % 2]!)).status).toBe(401);
    for (const s of servers) expect((await login(s)).status).toBe(429);
    // Five sign-ups for one address an hour, wherever they arrive; the sixth is refused on any instance.
    const signUp = (server: ServerProcess) =>
      fetch(`${server.url}/newsletters/subscribe`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=reader%40example.org&newsletter=morning-headlines",
      });
    for (let i = 0; i < 5; i++) expect((await signUp(servers[i % 3]!)).status).toBe(303);
    for (const s of servers) expect((await signUp(s)).status).toBe(429);
  });

  it("loses no acknowledged write when an instance is killed in the middle of a stream of saves", async () => {
    const a = servers[0]!;
    const b = servers[1]!;
    const acknowledged: { headline: string; version: number }[] = [];
    let version = (await api(a, "GET", `/articles/${f.lead.id}`)).version as number;
    const saving = (async () => {
      for (let i = 0; ; i++) {
        const headline = `Night buses, save ${i}`;
        // A save is acknowledged when its whole answer arrived: the kill can cut one mid-body.
        const answer = await fetch(`${a.url}/api/newsroom/articles/${f.lead.id}`, {
          method: "PUT",
          headers: { ...editor.headers, "content-type": "application/json" },
          body: JSON.stringify({ baseVersion: version, headline }),
        })
          .then(async (res) => (res.status === 200 ? ((await res.json()) as { version: number }) : undefined))
          .catch(() => undefined);
        if (!answer) return;
        version = answer.version;
        acknowledged.push({ headline, version });
      }
    })();
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(5);
    a.child.kill("SIGKILL");
    await saving;
    const last = acknowledged.at(-1)!;
    const seen = await api(b, "GET", `/articles/${f.lead.id}`);
    // The pending copy holds the last save A acknowledged (or one after it that A committed but
    // could not answer before it died): never an older one.
    expect(seen.version).toBeGreaterThanOrEqual(last.version);
    if (seen.version === last.version) expect(JSON.stringify(seen)).toContain(last.headline);
  });
});
