import type { FastifyInstance } from "fastify";
import { RETRY_AFTER_SECONDS } from "../db/unavailable.js";

export interface HealthDeps {
  /** A cheap read that needs the database (a connection and the schema); rejects when it cannot. */
  checkDatabase: () => Promise<unknown>;
  /** Redis, when REDIS_URL is set: reported, but its absence does not take the instance out (see below). */
  checkRedis?: (() => Promise<unknown>) | undefined;
  /** The media store (local disk or a bucket): reported, like Redis. */
  checkStorage?: (() => Promise<unknown>) | undefined;
  /** How long each check may take before its service counts as unreachable (default 3 s). */
  timeoutMs?: number;
}

/**
 * Two probes: `/livez` says the process is up and answering (no I/O: restart it only when this
 * fails); `/healthz` says it can serve pages, database included (take it out of the load balancer
 * while this answers 503). Redis and the media store are reported too, but their faults answer 200
 * with `"status":"degraded"`: every instance shares them, so failing readiness on them would take
 * the whole site out for what costs only shorter cache lifetimes (Redis) or missing pictures (the
 * store), while the database is needed for every page that is not cached.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  app.get("/livez", async (_req, reply) => {
    reply.header("cache-control", "no-store");
    return { status: "ok" };
  });
  app.get("/healthz", async (req, reply) => {
    reply.header("cache-control", "no-store");
    const check = async (name: string, run: (() => Promise<unknown>) | undefined) => {
      if (!run) return undefined;
      try {
        await withTimeout(run(), timeoutMs);
        return "ok" as const;
      } catch (err) {
        req.log.warn({ err }, `health check: ${name} unreachable`);
        return "unreachable" as const;
      }
    };
    const [database, redis, storage] = await Promise.all([
      check("database", deps.checkDatabase),
      check("redis", deps.checkRedis),
      check("storage", deps.checkStorage),
    ]);
    const others = { ...(redis ? { redis } : {}), ...(storage ? { storage } : {}) };
    if (database !== "ok") {
      reply.status(503).header("retry-after", String(RETRY_AFTER_SECONDS));
      return { status: "unavailable", database: "unreachable", ...others };
    }
    const degraded = redis === "unreachable" || storage === "unreachable";
    return { status: degraded ? "degraded" : "ok", database, ...others };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
