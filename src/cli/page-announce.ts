import type { Database } from "../database.js";
import type { Kysely } from "kysely";
import { buildPageLayer } from "../page-layer.js";
import { announceToPages, fanOutPages } from "../pages/page-fanout.js";
import type { PageInvalidator } from "../pages/page-layer.js";
import type { Bus } from "../platform/bus/bus.js";
import { redisBus } from "../platform/bus/redis-bus.js";
import type { Config } from "../platform/config.js";

// A command that changes what the site shows (an import, a reindex, a send that makes an edition a
// page) tells the running servers through Redis, as a server's own write would (docs/adr/023). A
// write that names its tags (a send) drops those and purges the CDN for them; one that touches too
// much to name (an import, a reindex) drops every server's whole cache. Without REDIS_URL there is no
// way to reach them: their pages refresh within the cache's lifetime (5 minutes).

export interface CliPages {
  /** For jobs run here: purges the CDN and tells the servers, tag by tag. */
  invalidator: PageInvalidator;
  /** Tells every server to drop its whole cache. */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

export async function cliPages(
  config: Config,
  db: Kysely<Database>,
  fail: (line: string) => void,
): Promise<CliPages | undefined> {
  if (!config.redisUrl) return undefined;
  let bus: Bus;
  try {
    bus = await withTimeout(redisBus({ url: config.redisUrl, prefix: config.redisPrefix }), 5_000);
  } catch (err) {
    fail(
      `The running servers were not told (Redis: ${err instanceof Error ? err.message : String(err)}); their pages refresh within 5 minutes.`,
    );
    return undefined;
  }
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const layer = buildPageLayer({ config: { ...config, pageCacheBytes: 0 }, db, now: () => new Date(), log: quiet });
  const disconnect = fanOutPages(layer, bus);
  const told = async (what: Promise<void>) =>
    what.catch((err: unknown) =>
      fail(
        `The running servers were not told (Redis: ${err instanceof Error ? err.message : String(err)}); their pages refresh within 5 minutes.`,
      ),
    );
  return {
    invalidator: { invalidate: (tags) => told(layer.invalidate(tags)) },
    dropAll: () => told(announceToPages(bus, "all")),
    async close() {
      disconnect();
      await bus.close();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
