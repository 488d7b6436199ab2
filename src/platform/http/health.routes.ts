import type { FastifyInstance } from "fastify";
import { RETRY_AFTER_SECONDS } from "../db/unavailable.js";

export interface HealthDeps {
  /** A cheap read that needs the database (a connection and the schema); rejects when it cannot. */
  checkDatabase: () => Promise<unknown>;
  /** How long the check may take before the database counts as unreachable (default 3 s). */
  timeoutMs?: number;
}

/**
 * Two probes: `/livez` says the process is up and answering (no I/O: restart it only when this
 * fails); `/healthz` says it can serve pages, database included (take it out of the load balancer
 * while this answers 503).
 */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  app.get("/livez", async (_req, reply) => {
    reply.header("cache-control", "no-store");
    return { status: "ok" };
  });
  app.get("/healthz", async (req, reply) => {
    reply.header("cache-control", "no-store");
    try {
      await withTimeout(deps.checkDatabase(), timeoutMs);
      return { status: "ok", database: "ok" };
    } catch (err) {
      req.log.warn({ err }, "health check: database unreachable");
      reply.status(503).header("retry-after", String(RETRY_AFTER_SECONDS));
      return { status: "unavailable", database: "unreachable" };
    }
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
