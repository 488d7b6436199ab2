import cluster from "node:cluster";
import http from "node:http";
import { sql, type Kysely } from "kysely";
import { AggregatorRegistry, type PrometheusContentType, type Registry } from "prom-client";
import type { Metrics } from "./metrics.js";

// Where Prometheus reads a process's metrics. A listener of its own (METRICS_PORT, on
// METRICS_HOST, 127.0.0.1 unless told) keeps them off the public port without a secret: it is how a
// worker, which serves no pages, is scraped, and in a cluster (WEB_CONCURRENCY) the primary's
// listener answers for every worker (prom-client's AggregatorRegistry asks them over IPC).

/** Reads the pool and the job queue at every scrape. */
export function watchProcess(
  metrics: Metrics,
  handle: { db: Kysely<any>; pool?: () => { total: number; idle: number; waiting: number; max: number } },
): void {
  if (handle.pool) metrics.watchPool(handle.pool);
  metrics.watchQueue(async () => {
    const { rows } = await sql<{ name: string; status: string; count: number | string }>`
      select name, status, count(*) as count from jobs where status in ('queued', 'running') group by name, status
    `.execute(handle.db);
    return rows.map((r) => ({ name: r.name, status: r.status, count: Number(r.count) }));
  });
  // A cluster's workers answer the primary's aggregation with their own registry (constructing an
  // AggregatorRegistry is what makes a worker listen for the primary's requests).
  if (cluster.isWorker) {
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([metrics.registry as Registry]);
  }
}

let aggregator: AggregatorRegistry<PrometheusContentType> | undefined;

/** The metrics text of this process, and in a cluster's primary of its workers too. */
export async function metricsText(metrics: Metrics): Promise<string> {
  if (!cluster.isPrimary || Object.keys(cluster.workers ?? {}).length === 0) return metrics.text();
  const workers = await (aggregator ??= new AggregatorRegistry()).clusterMetrics();
  return `${await metrics.text()}\n${workers}`;
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsListener(
  listen: { host: string; port: number },
  metrics: Metrics,
  health?: () => Promise<{ status: number; body: object }>,
): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const answer = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET") return answer(405, "text/plain", "GET only\n");
    if (path === "/metrics") {
      metricsText(metrics).then(
        (text) => answer(200, metrics.contentType, text),
        (err: unknown) => answer(500, "text/plain", `metrics failed: ${String(err)}\n`),
      );
      return;
    }
    if (path === "/healthz" && health) {
      health().then(
        (h) => answer(h.status, "application/json", JSON.stringify(h.body)),
        (err: unknown) => answer(500, "text/plain", String(err)),
      );
      return;
    }
    answer(404, "text/plain", "Not found: /metrics\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  return {
    port: address && typeof address !== "string" ? address.port : listen.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
