import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The process's metrics in Prometheus's text format (prom-client 15, docs/adr/023): HTTP durations
// by route and status (hits answered before routing included), the page cache, the jobs, newsletter
// sends, the database pool and the event loop (prom-client's default process metrics, which include
// nodejs_eventloop_lag_seconds and its percentiles). Each process has its own registry; Prometheus
// scrapes every instance and worker and sums or takes the max across them.

export interface CacheStatsSource {
  stats: { hits: number; staleHits: number; misses: number; bytes: number; entries: number; maxBytes: number };
}

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  invalidationsReceived: Counter;
  cacheFullDrops: Counter<"reason">;
  jobDuration: Histogram<"job" | "outcome">;
  newsletterSends: Counter<"outcome">;
  /** Told by the job runner when a job attempt ends. */
  jobObserver: (job: string, outcome: "succeeded" | "failed" | "interrupted" | "lost", seconds: number) => void;
  /** Reads the page cache's counters at every scrape. */
  watchCache(cache: CacheStatsSource): void;
  /** Reads the database pool at every scrape. */
  watchPool(pool: () => { total: number; idle: number; waiting: number; max: number }): void;
  /** Counts queued and running jobs by name at every scrape (one query). */
  watchQueue(depth: () => Promise<{ name: string; status: string; count: number }[]>): void;
  text(): Promise<string>;
  readonly contentType: string;
}

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(role: "web" | "worker" | "all"): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: 'Time to answer an HTTP request, by route pattern, method and status (cache hits answered before routing are route="(cached page)")',
    labelNames: ["route", "method", "status"] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const invalidationsReceived = new Counter({
    name: "page_cache_invalidations_received_total",
    help: "Invalidations received from other processes and applied here",
    registers: [registry],
  });
  const cacheFullDrops = new Counter({
    name: "page_cache_full_drops_total",
    help: "Times the whole page cache was dropped because invalidations may have been missed (loss: Redis went away; gap: it came back)",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "job_duration_seconds",
    help: "Time a job attempt ran, by job name and outcome",
    labelNames: ["job", "outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  const newsletterSends = new Counter({
    name: "newsletter_messages_total",
    help: "Newsletter messages handed to the mail server (sent) or refused (failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });

  const caches: CacheStatsSource[] = [];
  const cacheCounter = (name: string, help: string, read: (s: CacheStatsSource["stats"]) => number) => {
    // A counter that follows the cache's own tally: each scrape adds what moved since the last.
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = caches.reduce((sum, c) => sum + read(c.stats), 0);
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  };
  cacheCounter("page_cache_hits_total", "Pages answered from the cache while fresh", (s) => s.hits);
  cacheCounter(
    "page_cache_stale_hits_total",
    "Expired pages answered while one request rendered them again",
    (s) => s.staleHits,
  );
  cacheCounter("page_cache_misses_total", "Pages rendered because none was stored", (s) => s.misses);
  const cacheGauge = (name: string, help: string, read: (s: CacheStatsSource["stats"]) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(caches.reduce((sum, c) => sum + read(c.stats), 0));
      },
    });
  cacheGauge("page_cache_bytes", "Bytes held by stored pages (with their brotli and gzip copies)", (s) => s.bytes);
  cacheGauge("page_cache_entries", "Pages stored", (s) => s.entries);
  cacheGauge("page_cache_max_bytes", "The cache's bound (PAGE_CACHE_MB)", (s) => s.maxBytes);

  const pools: (() => { total: number; idle: number; waiting: number; max: number })[] = [];
  new Gauge({
    name: "db_pool_connections",
    help: "PostgreSQL pool connections by state (total open, idle, clients waiting for one, the pool's max)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const read of pools) {
        const p = read();
        this.inc({ state: "total" }, p.total);
        this.inc({ state: "idle" }, p.idle);
        this.inc({ state: "in_use" }, p.total - p.idle);
        this.inc({ state: "waiting" }, p.waiting);
        this.inc({ state: "max" }, p.max);
      }
    },
  });

  let queue: (() => Promise<{ name: string; status: string; count: number }[]>) | undefined;
  new Gauge({
    name: "job_queue_depth",
    help: "Jobs queued (due or later) and running, by job name, as the database holds them (the same in every process)",
    labelNames: ["job", "status"] as const,
    registers: [registry],
    async collect() {
      if (!queue) return;
      this.reset();
      for (const row of await queue()) this.set({ job: row.name, status: row.status }, row.count);
    },
  });

  return {
    registry,
    httpDuration,
    invalidationsReceived,
    cacheFullDrops,
    jobDuration,
    newsletterSends,
    jobObserver: (job, outcome, seconds) => jobDuration.observe({ job, outcome }, seconds),
    watchCache: (cache) => void caches.push(cache),
    watchPool: (pool) => void pools.push(pool),
    watchQueue: (depth) => {
      queue = depth;
    },
    text: () => registry.metrics(),
    get contentType() {
      return registry.contentType;
    },
  };
}
