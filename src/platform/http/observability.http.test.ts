import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { buildPageLayer } from "../../page-layer.js";
import { describeEachDatabase, testConfig } from "../../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../../test/support/newsroom-fixture.js";
import { createMetrics } from "../metrics/metrics.js";

// /metrics behind its token, durations by route for hits answered before routing too, request ids.

const TOKEN = "a-metrics-token-of-some-length";

describeEachDatabase("metrics and request ids", (get) => {
  let app: FastifyInstance;
  let base = "";
  const lines: string[] = [];

  beforeAll(async () => {
    const { handle } = get();
    const config = testConfig({ METRICS_TOKEN: TOKEN, LOG_LEVEL: "info" });
    await buildNewsroom(handle.db);
    const pages = buildPageLayer({ config, db: handle.db, now: () => NOW, log: console });
    const metrics = createMetrics("web");
    app = await buildApp({
      config,
      db: handle.db,
      now: () => NOW,
      pages,
      metrics,
      logStream: { write: (line: string) => void lines.push(line) },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  it("answers /metrics only to the token", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await ok.text()).toMatch(/nodejs_eventloop_lag_seconds\{role="web"\}/);
  });

  it("times answers by route pattern and status, the cache's hits before routing included", async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/uk/night-buses-return`)).status).toBe(200);
    expect((await fetch(`${base}/uk/no-such-story`)).status).toBe(404);
    let text = "";
    const count = (labels: string) =>
      Number(new RegExp(`http_request_duration_seconds_count\\{${labels}\\} (\\d+)`).exec(text)?.[1] ?? 0);
    // The first through Fastify, the next two from the fast path, all under the route's pattern. An
    // answer is timed when the server has finished sending it, which a busy machine may report a
    // moment after the client has read it: read the metrics until both counts are in.
    await expect
      .poll(async () => {
        text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
        const route = 'role="web",route="/:section/:slug",method="GET"';
        return [count(`${route},status="200"`), count(`${route},status="404"`)];
      })
      .toEqual([3, 1]);
    // At least one hit: the rails' 30 s refresh may drop the page in between on a slow run.
    expect(text).toMatch(/page_cache_hits_total\{role="web"\} [1-9]/);
    expect(text).toMatch(/page_cache_misses_total\{role="web"\} [1-9]/);
    expect(text).toMatch(/page_cache_bytes\{role="web"\} [1-9]\d*/);
    expect(text).toMatch(/job_queue_depth/);
  });

  it("logs each request under the load balancer's id when it sends a sane one, and echoes it", async () => {
    // Search is never cached: every request goes through the framework (hits before routing are not logged).
    const res = await fetch(`${base}/search?q=buses`, { headers: { "x-request-id": "nginx-0123456789abcdef" } });
    expect(res.headers.get("x-request-id")).toBe("nginx-0123456789abcdef");
    expect(lines.some((l) => l.includes('"reqId":"nginx-0123456789abcdef"'))).toBe(true);
    const odd = await fetch(`${base}/search?q=buses`, { headers: { "x-request-id": "<script>" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
