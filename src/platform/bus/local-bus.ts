import { type Bus, Subscribers } from "./bus.js";

/** One process, no Redis: publish delivers to this process's subscribers on the next tick. */
export function localBus(log?: { error: (obj: object, msg: string) => void }): Bus {
  const subscribers = new Subscribers((error, channel) => log?.error({ err: error, channel }, "bus handler failed"));
  let closed = false;
  return {
    kind: "local",
    async publish(channel, message) {
      if (closed) return;
      await Promise.resolve();
      subscribers.deliver(channel, message);
    },
    subscribe: (channel, handler) => subscribers.add(channel, handler).unsubscribe,
    ready: async () => undefined,
    onGap: (handler) => subscribers.addGap(handler),
    async close() {
      closed = true;
    },
  };
}
