import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Bus, Unsubscribe } from "../platform/bus/bus.js";
import type { PageLayer } from "./page-layer.js";

// Invalidation across processes (docs/adr/023). A write drops its pages here and purges the CDN
// before it answers (page-layer.ts), then publishes the tags it dropped on the "pages" channel; every
// other process drops the same tags from its own cache and reads its rails again. The CDN is purged
// once, by the process that wrote. A process that may have missed messages (its Redis connection
// dropped) drops everything when it is back, and while it is cut off keeps no page longer than
// OFFLINE_TTL_MS, so it never serves a page older than that which a write elsewhere replaced.

export const PAGES_CHANNEL = "pages";
export const OFFLINE_TTL_MS = 2_000;

/** A message on the pages channel: tags to drop, or everything (`all`: a CLI import, a reindex). */
export interface PagesMessage {
  /** The process that wrote; it has already dropped them and skips its own message. */
  from: string;
  tags?: string[];
  all?: true;
}

export const processId = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface FanoutEvents {
  /** Each message applied from another process (for metrics and logs). */
  received?: (message: PagesMessage) => void;
  /** A loss or a gap: the whole cache was dropped. */
  dropped?: (why: "loss" | "gap") => void;
  log?: { warn: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void };
}

/**
 * Connects a page layer to the bus: its writes are announced to the other processes, and theirs
 * are applied here. Returns how to disconnect.
 */
export function fanOutPages(layer: PageLayer, bus: Bus, events: FanoutEvents = {}): Unsubscribe {
  const from = processId();
  layer.announce = async (tags) => {
    const message: PagesMessage = { from, tags };
    await bus.publish(PAGES_CHANNEL, JSON.stringify(message));
  };
  const offs = [
    bus.subscribe(PAGES_CHANNEL, (raw) => {
      const message = parse(raw);
      if (!message || message.from === from) return;
      events.received?.(message);
      void layer.applyRemote(message.all ? "all" : (message.tags ?? []));
    }),
    bus.onLoss(() => {
      layer.cache?.limitFreshness(OFFLINE_TTL_MS);
      layer.cache?.clear();
      events.dropped?.("loss");
    }),
    bus.onGap(() => {
      layer.cache?.limitFreshness(undefined);
      void layer.applyRemote("all");
      events.dropped?.("gap");
    }),
  ];
  return () => {
    layer.announce = undefined;
    for (const off of offs) off();
  };
}

/** A message from a program that has no cache of its own (the CLI): tags, or everything. */
export async function announceToPages(bus: Bus, change: { tags: string[] } | "all"): Promise<void> {
  const message: PagesMessage =
    change === "all" ? { from: `cli:${processId()}`, all: true } : { from: `cli:${processId()}`, tags: change.tags };
  await bus.publish(PAGES_CHANNEL, JSON.stringify(message));
}

function parse(raw: string): PagesMessage | undefined {
  try {
    const value = JSON.parse(raw) as PagesMessage;
    if (typeof value?.from !== "string") return undefined;
    if (value.all === true) return value;
    if (Array.isArray(value.tags) && value.tags.every((t) => typeof t === "string")) return value;
  } catch {
    // not ours
  }
  return undefined;
}
