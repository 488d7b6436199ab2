import cluster from "node:cluster";
import { type Bus, Subscribers } from "./bus.js";

// WEB_CONCURRENCY workers on one machine without Redis: the cluster's primary relays. A worker
// sends its message to the primary over the IPC channel node:cluster already keeps; the primary
// delivers it to its own subscribers and passes it to every worker, the sender included, so every
// process sees one order. IPC to a live worker loses nothing, so there is no gap to report: a
// worker that dies is replaced by a new one that starts with nothing cached.

const TYPE = "london-daily:bus";

interface Envelope {
  type: typeof TYPE;
  channel: string;
  message: string;
}

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === TYPE;

export function clusterBus(log?: { error: (obj: object, msg: string) => void }): Bus {
  const subscribers = new Subscribers((error, channel) => log?.error({ err: error, channel }, "bus handler failed"));
  let closed = false;
  let publish: (envelope: Envelope) => Promise<void>;
  let detach: () => void;

  if (cluster.isPrimary) {
    const relay = (envelope: Envelope) => {
      for (const worker of Object.values(cluster.workers ?? {})) {
        if (worker?.isConnected()) worker.send(envelope, undefined, () => undefined);
      }
      subscribers.deliver(envelope.channel, envelope.message);
    };
    const onMessage = (_worker: unknown, message: unknown) => {
      if (!closed && isEnvelope(message)) relay(message);
    };
    cluster.on("message", onMessage);
    detach = () => cluster.off("message", onMessage);
    publish = async (envelope) => {
      await Promise.resolve();
      relay(envelope);
    };
  } else {
    const onMessage = (message: unknown) => {
      if (!closed && isEnvelope(message)) subscribers.deliver(message.channel, message.message);
    };
    process.on("message", onMessage);
    detach = () => process.off("message", onMessage);
    publish = (envelope) =>
      new Promise((resolve, reject) => {
        if (!process.send) return resolve();
        process.send(envelope, undefined, {}, (error) => (error ? reject(error) : resolve()));
      });
  }

  return {
    kind: "cluster",
    async publish(channel, message) {
      if (!closed) await publish({ type: TYPE, channel, message });
    },
    subscribe: (channel, handler) => subscribers.add(channel, handler).unsubscribe,
    ready: async () => undefined,
    onGap: (handler) => subscribers.addGap(handler),
    onLoss: (handler) => subscribers.addLoss(handler),
    check: async () => undefined,
    async close() {
      closed = true;
      detach();
    },
  };
}
