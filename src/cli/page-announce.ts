import type { Database } from "../database.js";
import type { Kysely } from "kysely";
import { buildPageLayer } from "../page-layer.js";
import { announceToPages, fanOutPages } from "../pages/page-fanout.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { pageTags } from "../pages/page-tags.js";
import type { Bus } from "../platform/bus/bus.js";
import { redisBus } from "../platform/bus/redis-bus.js";
import { type PurgeKeys, cdnPurger } from "../platform/cache/cdn-purge.js";
import type { Config } from "../platform/config.js";

// A command that changes what the site shows (an import, a reindex, a demo seeded or removed, a send
// that makes an edition a page) tells the running servers through Redis, as a server's own write
// would, and purges the CDN (docs/adr/023, 032). A write that names its tags (a send) drops those
// and purges them; one that touches too much to name drops every server's whole cache and purges
// the key every public page carries ("pages"). Without REDIS_URL the servers cannot be reached:
// their pages refresh within the cache's lifetime (5 minutes). Without CDN_PURGE there is no CDN
// to purge.

export interface CliPages {
  /** For jobs run here: purges the CDN and tells the servers, tag by tag. */
  invalidator: PageInvalidator;
  /** Tells every server to drop its whole cache, and purges every page from the CDN. */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

export async function cliPages(
  config: Config,
  db: Kysely<Database>,
  fail: (line: string) => void,
): Promise<CliPages | undefined> {
  if (!config.redisUrl && !config.cdnPurge) return undefined;
  const notTold = (err: unknown) =>
    fail(
      `The running servers were not told (Redis: ${err instanceof Error ? err.message : String(err)}); their pages refresh within 5 minutes.`,
    );
  let bus: Bus | undefined;
  if (config.redisUrl) {
    try {
      bus = await withTimeout(redisBus({ url: config.redisUrl, prefix: config.redisPrefix }), 5_000);
    } catch (err) {
      notTold(err);
    }
  }
  // The purge client logs what failed after its retry; a command says it on its error output.
  const purgeLog = {
    warn: () => undefined,
    error: (obj: object, msg: string) =>
      fail(`${msg} (${String((obj as { err?: unknown }).err ?? "")}); the CDN refreshes them within a day.`),
  };
  const purge: PurgeKeys | undefined = config.cdnPurge ? cdnPurger(config.cdnPurge, purgeLog) : undefined;
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const layer = buildPageLayer({
    config: { ...config, pageCacheBytes: 0 },
    db,
    now: () => new Date(),
    log: quiet,
    purge,
  });
  const disconnect = bus ? fanOutPages(layer, bus) : () => undefined;
  const told = async (what: Promise<void>) => what.catch(notTold);
  return {
    invalidator: { invalidate: (tags) => told(layer.invalidate(tags)) },
    async dropAll() {
      await Promise.all([bus ? told(announceToPages(bus, "all")) : undefined, purge?.([pageTags.everyPage])]);
    },
    async close() {
      disconnect();
      await bus?.close();
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
