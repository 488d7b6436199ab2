import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildAuthor, buildSection } from "../../test/support/factories.js";
import { signedIn } from "../../test/support/newsroom-session.js";
import { JobRunner } from "../platform/jobs/job-runner.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { deliverOnce } from "../platform/webhooks/deliver.js";
import { DELIVER_JOB } from "../platform/webhooks/webhook-events.js";
import { SIGNATURE_HEADER, verifySignature } from "../platform/webhooks/signature.js";
import { z } from "zod";
import { ADMIN_API_PREFIX } from "./admin-api.js";
import { createIntegration } from "./integrations.js";
import { documented } from "../../test/support/webhook-receiver.js";

// Webhooks end to end, on both engines: events recorded by the Admin API's writes, delivered by
// the jobs table to a local receiver that fails, then hangs past the timeout, then recovers; every
// event arrives once, signed, in order per article. And the SSRF refusals.

type Mode = "fail" | "hang" | "ok" | "redirect" | "huge";
const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] };
const SECRET = "a-test-secret-of-enough-length";

describeEachDatabase("webhooks", (get) => {
  let app: FastifyInstance;
  let receiver: http.Server;
  let base: string;
  let mode: Mode = "ok";
  let clock = new Date("2026-07-01T10:00:00Z");
  const received: { type: string; id: string; articleId: number; verified: boolean; documented: boolean }[] = [];
  let runner: JobRunner<never>;
  let key: string;
  let adminHeaders: Record<string, string>;

  const api = (method: string, path: string, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url: ADMIN_API_PREFIX + path,
      headers: { authorization: `Bearer ${key}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  /** Moves the clock and runs every delivery due, until none is. */
  async function runDue(advanceMs = 0) {
    clock = new Date(clock.getTime() + advanceMs);
    for (let i = 0; i < 20; i += 1) {
      await runner.tick();
      await runner.idle();
    }
  }

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (mode === "hang") return; // never answers: the sender's deadline ends it
        if (mode === "fail") return res.writeHead(500).end("down");
        if (mode === "redirect") return res.writeHead(302, { location: "http://169.254.169.254/" }).end();
        const body = Buffer.concat(chunks).toString("utf8");
        const event = JSON.parse(body) as Parameters<typeof documented>[0];
        received.push({
          documented: documented(event),
          type: event.type,
          id: event.id,
          articleId: (event.data as { article?: { id: number } }).article?.id ?? 0,
          verified: verifySignature(
            SECRET,
            String(req.headers[SIGNATURE_HEADER]),
            body,
            Math.floor(clock.getTime() / 1000),
          ),
        });
        if (mode === "huge") {
          res.writeHead(200);
          const block = Buffer.alloc(64 * 1024, 120);
          let sent = 0;
          const more = () => {
            while (sent < 200 && res.write(block)) sent += 1;
            if (sent < 200) res.once("drain", more);
            else res.end();
          };
          res.on("error", () => undefined);
          return more();
        }
        return res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    const { handle, config } = get();
    const db = handle.db;
    app = await buildApp({ config, db, now: () => clock, logger: false });
    runner = new JobRunner({
      db: db as never,
      now: () => clock,
      pollMs: 10,
      handlers: {
        [DELIVER_JOB]: defineJob({
          schema: z.object({ deliveryId: z.number() }),
          run: async ({ deliveryId }) => {
            await deliverOnce(db, deliveryId, { now: () => clock, timeoutMs: 300, maxResponseBytes: 16 * 1024 });
          },
        }),
      },
    });
    const admin = await signedIn(db, "admin", clock);
    adminHeaders = admin.headers;
    key = (
      await createIntegration(
        db,
        {
          name: "Hooked",
          scopes: ["content:read", "drafts:write", "articles:publish", "articles:correct", "webhooks:manage"],
        },
        { userId: null },
        clock,
      )
    ).key;
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("refuses webhooks into loopback, private and link-local addresses until an admin allows the host", async () => {
    for (const url of [
      `${base}/hook`,
      "http://10.1.2.3/hook",
      "http://192.168.0.10/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]:8080/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://localhost/hook",
      "http://0.0.0.0/hook",
    ]) {
      const res = await api("POST", "/webhooks", { name: "Inside", url, events: ["article.published"] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect(
      (await api("POST", "/webhooks", { name: "FTP", url: "ftp://example.com/", events: ["article.published"] }))
        .statusCode,
    ).toBe(400);
    // Allowing hosts is the newsroom admins' act, not a key's.
    expect((await api("POST", "/webhooks/allowed-hosts", { host: "127.0.0.1" })).statusCode).toBe(404);
    const allowed = await app.inject({
      method: "POST",
      url: "/api/newsroom/webhooks/allowed-hosts",
      headers: adminHeaders,
      payload: { host: "127.0.0.1" },
    });
    expect(allowed.statusCode).toBe(201);
  });

  it("delivers every event once, signed, in order per article, through failures, a timeout and recovery", async () => {
    const created = await api("POST", "/webhooks", {
      name: "Receiver",
      url: `${base}/hook`,
      events: ["article.published", "article.correction_added", "article.unpublished"],
      secret: SECRET,
    });
    expect(created.statusCode, created.body).toBe(201);
    const hook = created.json() as { id: number; secret: string };
    expect(hook.secret).toBe(SECRET);
    expect((await api("GET", "/webhooks")).json().items[0]).not.toHaveProperty("secret");

    const { handle } = get();
    const section = await buildSection(handle.db, { slug: "hooks", name: "Hooks" });
    const author = await buildAuthor(handle.db, { slug: "hook-author", name: "Hook Author" });
    const article = async () =>
      (
        await buildArticle(handle.db, {
          sectionId: section.id,
          status: "in_review",
          body: doc,
          authorIds: [author.id],
          publishedAt: clock,
        })
      ).id;
    const [a, b] = [await article(), await article()];
    await handle.db.updateTable("articles").set({ published_at: null }).where("id", "in", [a, b]).execute();

    mode = "fail";
    expect((await api("POST", `/articles/${a}/publish`, { baseVersion: 1 })).statusCode).toBe(200);
    expect(
      (await api("POST", `/articles/${a}/notes`, { kind: "correction", text: "A name was misspelt." })).statusCode,
    ).toBe(200);
    expect((await api("POST", `/articles/${b}/publish`, { baseVersion: 1 })).statusCode).toBe(200);
    await runDue();
    let log = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items as {
      id: number;
      event: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      nextAttemptAt: string | null;
      durationMs: number | null;
    }[];
    expect(log).toHaveLength(3);
    // A's correction waits behind A's publication; B goes its own way.
    const first = log.find((d) => d.event === "article.published" && d.attempts === 1)!;
    expect(first).toMatchObject({ status: "pending", responseStatus: 500 });
    expect(Date.parse(first.nextAttemptAt!)).toBe(clock.getTime() + 30_000);
    expect(log.find((d) => d.event === "article.correction_added")).toMatchObject({ attempts: 0, status: "pending" });

    mode = "hang";
    await runDue(30_000);
    log = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(log.filter((d) => d.attempts === 2).length).toBe(2);
    expect(log.find((d) => d.attempts === 2)!.responseStatus).toBeNull();

    mode = "ok";
    await runDue(60_000);
    await runDue(0);
    log = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(log.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(received.every((r) => r.verified && r.documented)).toBe(true);
    expect(new Set(received.map((r) => r.id)).size).toBe(received.length);
    expect(received.filter((r) => r.articleId === a).map((r) => r.type)).toEqual([
      "article.published",
      "article.correction_added",
    ]);
    expect(received.filter((r) => r.articleId === b).map((r) => r.type)).toEqual(["article.published"]);

    // "Send again" makes a new delivery of the same event; "Send a test" a test event.
    const again = await api("POST", `/webhooks/${hook.id}/deliveries/${log[0]!.id}/redeliver`, {});
    expect(again.statusCode).toBe(202);
    const test = await api("POST", `/webhooks/${hook.id}/test`, {});
    expect(test.statusCode).toBe(202);
    await runDue(0);
    expect(
      received
        .slice(-2)
        .map((r) => r.type)
        .sort(),
    ).toEqual([log[0]!.event, "webhook.test"].sort());
  });

  it("follows no redirect, reads a bounded answer, and gives up after 24 hours", async () => {
    const hook = (
      await api("POST", "/webhooks", {
        name: "Edge",
        url: `${base}/edge`,
        events: ["article.unpublished"],
        secret: SECRET,
      })
    ).json() as { id: number };
    const { handle } = get();
    const published = async () => {
      const section = await buildSection(handle.db, { slug: `edge-${Math.random().toString(36).slice(2)}` });
      return (
        await buildArticle(handle.db, { sectionId: section.id, status: "published", body: doc, publishedAt: clock })
      ).id;
    };
    mode = "redirect";
    expect((await api("POST", `/articles/${await published()}/unpublish`, {})).statusCode).toBe(200);
    await runDue();
    let [last] = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(last).toMatchObject({ status: "pending", responseStatus: 302 });
    expect(last.error).toMatch(/not followed/);
    // A day of failures later it is given up, and the log says so.
    for (let hour = 0; hour < 26; hour += 1) await runDue(60 * 60 * 1000);
    [last] = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(last).toMatchObject({ status: "failed", nextAttemptAt: null });

    mode = "huge";
    const started = Date.now();
    expect((await api("POST", `/articles/${await published()}/unpublish`, {})).statusCode).toBe(200);
    await runDue();
    [last] = (await api("GET", `/webhooks/${hook.id}/deliveries`)).json().items;
    expect(last).toMatchObject({ status: "delivered", responseStatus: 200 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
