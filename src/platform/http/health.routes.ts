import type { FastifyInstance } from "fastify";
import { RETRY_AFTER_SECONDS } from "../db/unavailable.js";

export interface HealthDeps {
  /** A cheap read that needs the database (a connection and the schema); rejects when it cannot. */
  checkDatabase: () => Promise<unknown>;
  /** Redis, when REDIS_URL is set: reported, but its absence does not take the instance out (see below). */
  checkRedis?: (() => Promise<unknown>) | undefined;
  /** The media store (the folder writable, or the bucket answering): reported, like Redis. */
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
  app.get("/livez", async (_req, reply) => {
    reply.header("cache-control", "no-store");
    return { status: "ok" };
  });
  app.get("/healthz", async (req, reply) => {
    reply.header("cache-control", "no-store");
    const { status, body } = await readiness(deps, req.log);
    if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    return reply.status(status).send(body);
  });
}

export interface Readiness {
  status: 200 | 503;
  body: {
    status: "ok" | "degraded" | "unavailable";
    database: string;
    redis?: string;
    storage?: string;
    /** What failed, in a few words each (no hosts, paths or buckets: anyone may read /healthz). */
    problems?: Record<string, string>;
  };
}

/**
 * Runs the checks at once and says what failed: each service is "ok", or its state ("unreachable";
 * "unwritable" for a media folder) with a short reason under `problems`. The detail goes to the log.
 * Shared by the site's /healthz and a worker's metrics listener.
 */
export async function readiness(deps: HealthDeps, log: HealthLog): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const problems: Record<string, string> = {};
  const check = async (name: string, run: (() => Promise<unknown>) | undefined) => {
    if (!run) return undefined;
    try {
      await withTimeout(run(), timeoutMs);
      return "ok";
    } catch (err) {
      log.warn({ err }, `health check: ${name} failed`);
      const fault = err as { state?: unknown; reason?: unknown; code?: unknown };
      problems[name] =
        typeof fault.reason === "string"
          ? fault.reason
          : err instanceof TimeoutError
            ? err.message
            : `failed${typeof fault.code === "string" ? ` (${fault.code})` : ""}`;
      return typeof fault.state === "string" ? fault.state : "unreachable";
    }
  };
  const [database, redis, storage] = await Promise.all([
    check("database", deps.checkDatabase),
    check("redis", deps.checkRedis),
    check("storage", deps.checkStorage),
  ]);
  const others = {
    ...(redis ? { redis } : {}),
    ...(storage ? { storage } : {}),
    ...(Object.keys(problems).length ? { problems } : {}),
  };
  if (database !== "ok") {
    return { status: 503, body: { status: "unavailable", database: database ?? "unreachable", ...others } };
  }
  const degraded = (redis !== undefined && redis !== "ok") || (storage !== undefined && storage !== "ok");
  return { status: 200, body: { status: degraded ? "degraded" : "ok", database, ...others } };
}

export interface HealthLog {
  warn: (obj: object, msg: string) => void;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
