import { createECDH, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildAuthor, buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { checkVapid, decryptPushBody } from "../../test/support/web-push-decrypt.js";
import { PUSH_JOB } from "../banner/banner.service.js";
import { findNotice, sendPush } from "./push-send.js";
import { vapidKeysLoader } from "./vapid-keys.js";

// Web Push against a fake push service (an HTTP server standing in for FCM or Mozilla's): readers'
// subscriptions are stored only at known push services; publishing a breaking story with the banner
// and the alert in one action raises the banner and queues the push; each subscription receives a
// payload that decrypts with its own keys (RFC 8291) under a VAPID signature by the site's stored
// key; a push service's 410 removes the subscription; a second run sends nothing twice.

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

describeEachDatabase("web push", (get) => {
  let app: FastifyInstance;
  let service: https.Server;
  let agent: https.Agent;
  let serviceBase = "";
  const received: Received[] = [];
  let editor: SignedIn;
  let writer: SignedIn;
  let authorId = 0;
  const readers = [0, 1, 2].map(() => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    return { ecdh, auth: randomBytes(16) };
  });

  beforeAll(async () => {
    // Push services speak HTTPS (web-push only does): a certificate for 127.0.0.1, made here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-push-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const cert = fs.readFileSync(path.join(dir, "cert.pem"));
    agent = new https.Agent({ ca: cert });
    service = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(req.url?.startsWith("/gone/") ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
    serviceBase = `https://127.0.0.1:${(service.address() as AddressInfo).port}`;
    const { handle, config } = get();
    app = await buildApp({ config: { ...config, pushServiceHosts: ["127.0.0.1"] }, db: handle.db, logger: false });
    editor = await signedIn(handle.db, "editor");
    writer = await signedIn(handle.db, "writer");
    await buildSection(handle.db, { slug: "london", name: "London" });
    authorId = (await buildAuthor(handle.db, { slug: "pat-reporter", name: "Pat Reporter" })).id;
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => service.close(resolve));
  });

  const subscribe = (endpoint: string, reader: (typeof readers)[number]) =>
    app.inject({
      method: "POST",
      url: "/push/subscriptions",
      payload: {
        endpoint,
        expirationTime: null,
        keys: { p256dh: reader.ecdh.getPublicKey().toString("base64url"), auth: reader.auth.toString("base64url") },
      },
    });

  it("hands out one VAPID key, made once, and stores subscriptions only at known push services", async () => {
    const key = (await app.inject({ url: "/push/key" })).json().publicKey as string;
    expect(Buffer.from(key, "base64url")).toHaveLength(65);
    expect((await app.inject({ url: "/push/key" })).json().publicKey).toBe(key);
    const sw = await app.inject({ url: "/push-sw.js" });
    expect(sw.headers["content-type"]).toMatch(/javascript/);
    expect(sw.body).toContain("showNotification");

    expect((await subscribe(`${serviceBase}/sub/a`, readers[0]!)).statusCode).toBe(201);
    expect((await subscribe(`${serviceBase}/sub/b`, readers[1]!)).statusCode).toBe(201);
    expect((await subscribe(`${serviceBase}/gone/c`, readers[2]!)).statusCode).toBe(201);
    // Again: the same endpoint is one subscription.
    expect((await subscribe(`${serviceBase}/sub/a`, readers[0]!)).statusCode).toBe(201);
    for (const endpoint of ["https://internal.example/push", "http://127.0.0.2/x", "file:///etc/passwd"]) {
      const res = await subscribe(endpoint, readers[0]!);
      expect(res.statusCode, endpoint).toBe(400);
    }
    const short = await app.inject({
      method: "POST",
      url: "/push/subscriptions",
      payload: { endpoint: `${serviceBase}/sub/d`, keys: { p256dh: "abc", auth: "def" } },
    });
    expect(short.statusCode).toBe(400);
    const rows = await get().handle.db.selectFrom("push_subscriptions").select("endpoint").execute();
    expect(rows).toHaveLength(3);
  });

  it("publishes a breaking story, raises its banner and queues the alert and the push in one action", async () => {
    const api = (who: SignedIn, method: "POST" | "PUT", url: string, payload: object) =>
      app.inject({ method, url: `/api/newsroom${url}`, headers: who.headers, payload });
    const story = (await api(editor, "POST", "/articles", { headline: "Tower Bridge stuck open" })).json();
    const saved = await api(editor, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      breaking: true,
      authorIds: [authorId],
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Traffic diverted." }] }] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Writers publish, but the banner is the editors'.
    const byWriter = await api(writer, "POST", `/articles/${story.id}/publish`, {
      baseVersion: saved.json().version,
      banner: { live: true },
    });
    expect(byWriter.statusCode).toBe(403);
    const res = await api(editor, "POST", `/articles/${story.id}/publish`, {
      baseVersion: saved.json().version,
      alertSubscribers: true,
      banner: { live: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const banner = await app.inject({ url: "/api/newsroom/banner", headers: editor.headers });
    expect(banner.json().banner).toMatchObject({ text: "Tower Bridge stuck open", live: true, articleId: story.id });
    expect((await app.inject({ url: "/banner.json" })).json().banner.text).toBe("Tower Bridge stuck open");
    const jobs = await get()
      .handle.db.selectFrom("jobs")
      .select(["name", "payload"])
      .where("name", "in", [PUSH_JOB, "newsletter.breaking"])
      .execute();
    expect(jobs.map((j) => j.name).sort()).toEqual(["newsletter.breaking", PUSH_JOB]);
    expect(JSON.parse(jobs.find((j) => j.name === PUSH_JOB)!.payload)).toEqual({ articleId: story.id });

    // The job's work, against the fake push service.
    const { handle, config } = get();
    const keys = vapidKeysLoader(handle.db, () => new Date());
    const notice = await findNotice(handle.db, { articleId: story.id }, config.siteUrl);
    expect(notice).toBeDefined();
    const deps = { db: handle.db, now: () => new Date(), keys, subject: "mailto:desk@example.com", agent };
    expect(await sendPush(deps, notice!)).toEqual({ sent: 2, pruned: 1, failed: 0 });
    const publicKey = (await keys()).publicKey;
    for (const [i, path] of [
      [0, "/sub/a"],
      [1, "/sub/b"],
    ] as const) {
      const got = received.find((r) => r.path === path)!;
      expect(got.headers["content-encoding"]).toBe("aes128gcm");
      expect(got.headers.urgency).toBe("high");
      expect(Number(got.headers.ttl)).toBeGreaterThan(0);
      const claims = checkVapid(String(got.headers.authorization), publicKey, serviceBase);
      expect(claims.sub).toBe("mailto:desk@example.com");
      const reader = readers[i]!;
      expect(JSON.parse(decryptPushBody(got.body, reader.ecdh, reader.auth))).toEqual({
        title: "Breaking: Tower Bridge stuck open",
        body: expect.any(String),
        url: `${config.siteUrl}/london/${saved.json().slug}`,
        tag: `article-${story.id}`,
      });
      // Another reader's keys do not open it.
      expect(() => decryptPushBody(got.body, readers[1 - i]!.ecdh, readers[1 - i]!.auth)).toThrow();
    }
    const left = await handle.db.selectFrom("push_subscriptions").select("endpoint").execute();
    expect(left.map((r) => r.endpoint).sort()).toEqual([`${serviceBase}/sub/a`, `${serviceBase}/sub/b`]);
    // Run again (a retry after a crash): nothing goes twice.
    const before = received.length;
    expect(await sendPush(deps, notice!)).toEqual({ sent: 0, pruned: 0, failed: 0 });
    expect(received.length).toBe(before);
    // A reader who opts out is forgotten.
    const out = await app.inject({
      method: "DELETE",
      url: "/push/subscriptions",
      payload: { endpoint: `${serviceBase}/sub/b` },
    });
    expect(out.statusCode).toBe(204);
    expect(await handle.db.selectFrom("push_subscriptions").select("id").execute()).toHaveLength(1);
  });
});
