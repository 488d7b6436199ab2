import { Redis } from "ioredis";
import { type Bus, Subscribers } from "./bus.js";

export interface RedisBusOptions {
  url: string;
  /** Prefixed to every channel, so several sites (or test files) can share one Redis. */
  prefix?: string;
  log?: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

// Redis pub/sub (docs/adr/023). One connection publishes, one subscribes (a subscribed
// connection can do nothing else). Pub/sub keeps nothing for a subscriber that is away, so every
// reconnection of the subscriber after the first is reported as a gap: whoever caches must then
// drop what it holds. A message published here reaches this process's subscribers through Redis
// like any other, so every process sees the same order.

export async function redisBus(options: RedisBusOptions): Promise<Bus> {
  const prefix = options.prefix ?? "london-daily:";
  const log = options.log;
  const subscribers = new Subscribers((error, channel) => log?.error({ err: error, channel }, "bus handler failed"));
  const connect = (role: string) =>
    new Redis(options.url, {
      connectionName: `${prefix.replace(/[^\w:.-]/g, "_")}${role}`,
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
  const pub = connect("pub");
  const sub = connect("sub");
  let ready = false;
  const pending = new Set<Promise<unknown>>();
  let lost = false;
  for (const client of [pub, sub]) client.on("error", (error) => log?.error({ err: error }, "redis error"));

  sub.on("ready", () => {
    if (ready && lost) {
      lost = false;
      log?.info({}, "redis bus reconnected: messages may have been missed");
      subscribers.gap();
    }
    ready = true;
  });
  sub.on("close", () => {
    if (ready) lost = true;
  });
  sub.on("message", (channel: string, message: string) => {
    if (channel.startsWith(prefix)) subscribers.deliver(channel.slice(prefix.length), message);
  });

  await Promise.all([pub.connect(), sub.connect()]);
  // ioredis re-subscribes to its channels by itself after a reconnection.

  return {
    kind: "redis",
    async publish(channel, message) {
      await pub.publish(prefix + channel, message);
    },
    subscribe(channel, handler) {
      const { unsubscribe, first } = subscribers.add(channel, handler);
      if (first) {
        const done = sub
          .subscribe(prefix + channel)
          .catch((error) => log?.error({ err: error, channel }, "subscribe failed"))
          .finally(() => pending.delete(done));
        pending.add(done);
      }
      return () => {
        unsubscribe();
        if (!subscribers.has(channel)) sub.unsubscribe(prefix + channel).catch(() => undefined);
      };
    },
    async ready() {
      await Promise.all([...pending]);
    },
    onGap: (handler) => subscribers.addGap(handler),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
