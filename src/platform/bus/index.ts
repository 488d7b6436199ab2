import type { Bus } from "./bus.js";
import { localBus } from "./local-bus.js";
import { redisBus } from "./redis-bus.js";

export type { Bus, Unsubscribe } from "./bus.js";
export { localBus } from "./local-bus.js";
export { redisBus } from "./redis-bus.js";

type Log = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/** The bus for this configuration: Redis when `REDIS_URL` is set, this process alone otherwise. */
export async function openBus(redisUrl: string | undefined, log?: Log, prefix?: string): Promise<Bus> {
  return redisUrl ? redisBus({ url: redisUrl, prefix, log }) : localBus(log);
}
