import cluster from "node:cluster";
import { randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import type { CacheStatsSource, Metrics } from "../metrics/metrics.js";

// Request ids and /metrics on the site's port.

const SANE_ID = /^[\w.:-]{8,64}$/;

/**
 * The request's id in every log line of it (reqId) and in the X-Request-Id answer header: the load
 * balancer's (nginx's $request_id, docs/nginx.conf) when it sent a sane one, so its access log and
 * ours join; else a new UUID.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && SANE_ID.test(given) ? given : randomUUID();
}

export interface MetricsRouteDeps {
  metrics: Metrics;
  /** Bearer token for /metrics here; without one, /metrics answers 404 on this port. */
  token: string | undefined;
  pages: { cache: CacheStatsSource | undefined; fastPath?: { observe: unknown } | undefined };
}

/**
 * Times every answer by route pattern and status (the fast path's hits included), and serves
 * `/metrics` to a scraper that shows `Authorization: Bearer <METRICS_TOKEN>` (docs/adr/023: a
 * token, because the site's port is public behind the load balancer; METRICS_PORT is the other way).
 */
export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  const { metrics } = deps;
  if (deps.pages.cache) metrics.watchCache(deps.pages.cache);
  const fastPath = deps.pages.fastPath as
    { observe: ((route: string, status: number, seconds: number) => void) | undefined } | undefined;
  if (fastPath) {
    fastPath.observe = (route, status, seconds) =>
      metrics.httpDuration.observe({ route, method: "GET", status: String(status) }, seconds);
  }
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  app.addHook("onResponse", async (req, reply) => {
    // Unmatched URLs share one label, so scanners cannot make endless series.
    const route = req.routeOptions.url ?? "(no route)";
    metrics.httpDuration.observe(
      { route, method: req.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const expected = deps.token ? Buffer.from(`Bearer ${deps.token}`) : undefined;
  app.get("/metrics", async (req, reply) => {
    reply.header("cache-control", "no-store");
    if (!expected)
      return reply.status(404).send({
        error: {
          code: "NOT_FOUND",
          message: "Set METRICS_TOKEN to serve /metrics here, or METRICS_PORT for a listener of its own",
        },
      });
    const given = Buffer.from(String(req.headers.authorization ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply
        .status(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({ error: { code: "UNAUTHORIZED", message: "/metrics needs Authorization: Bearer <METRICS_TOKEN>" } });
    }
    if (cluster.isWorker) {
      // One worker of several would answer for itself alone: the primary's listener adds them up.
      return reply.status(404).send({
        error: {
          code: "NOT_FOUND",
          message: "With WEB_CONCURRENCY > 1, read /metrics from METRICS_PORT (all workers at once)",
        },
      });
    }
    return reply.type(metrics.contentType).send(await metrics.text());
  });
}
