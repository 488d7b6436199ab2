import type { Bus } from "./bus.js";
import { clusterBus } from "./cluster-bus.js";
import { localBus } from "./local-bus.js";
import { redisBus } from "./redis-bus.js";

export type { Bus, Unsubscribe } from "./bus.js";
export { clusterBus } from "./cluster-bus.js";
export { localBus } from "./local-bus.js";
export { redisBus } from "./redis-bus.js";

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * The bus for this configuration: Redis when `REDIS_URL` is set; without it, the processes of this
 * node:cluster when `cluster` is true (WEB_CONCURRENCY > 1), else this process alone.
 */
export async function openBus(
  redisUrl: string | undefined,
  log?: Log,
  prefix?: string,
  options: { cluster?: boolean } = {},
): Promise<Bus> {
  if (redisUrl) return redisBus({ url: redisUrl, prefix, log });
  return options.cluster ? clusterBus(log) : localBus(log);
}
