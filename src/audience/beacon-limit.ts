import type { Redis } from "ioredis";
import { RateLimiter } from "../platform/http/rate-limit.js";

// How many beacons one address may send (docs/adr/037), so one client cannot flood the counts
// (made-up views, made-up referrers that each add a day row). A reader's tab sends a view and a
// heartbeat every 15 s: 5 a minute; the limit leaves room for an office or a school behind one
// address. Above it, beacons are answered 429 and not counted.

export const BEACONS_PER_MINUTE = 1_200;
const WINDOW_MS = 60_000;

export interface BeaconLimit {
  /** Counts one beacon from the address; false when the address is over its limit. */
  allow(address: string): boolean;
  close(): Promise<void>;
}

/** One process: a fixed window per address in memory (a Map lookup per beacon). */
export function memoryBeaconLimit(limit = BEACONS_PER_MINUTE, now: () => number = Date.now): BeaconLimit {
  const counter = new RateLimiter(limit, WINDOW_MS, now);
  return { allow: (address) => counter.hit(address) === 0, close: async () => undefined };
}

/**
 * Several instances: each counts in memory and, every `syncMs`, adds its counts to the window's
 * key in Redis (one pipelined INCRBY per address it saw since the last sync) and learns their
 * totals. An address over the limit across instances is refused by each instance from the sync
 * after its own next beacon from it; between syncs an instance allows at most the limit by itself.
 * So a beacon never waits on Redis, and the overshoot is bounded by what the instances take in
 * one sync interval. When Redis does not answer, each instance keeps its own limit.
 */
export function sharedBeaconLimit(
  redis: Redis,
  prefix: string,
  options: { limit?: number; now?: () => number; syncMs?: number } = {},
): BeaconLimit & { sync(): Promise<void> } {
  const limit = options.limit ?? BEACONS_PER_MINUTE;
  const now = options.now ?? Date.now;
  let window = Math.floor(now() / WINDOW_MS);
  let local = new Map<string, number>();
  let pending = new Map<string, number>();
  let blocked = new Set<string>();
  const roll = () => {
    const current = Math.floor(now() / WINDOW_MS);
    if (current === window) return;
    window = current;
    local = new Map();
    pending = new Map();
    blocked = new Set();
  };
  const sync = async () => {
    roll();
    if (pending.size === 0) return;
    const sent = pending;
    const at = window;
    pending = new Map();
    const pipe = redis.pipeline();
    for (const [address, n] of sent) {
      const key = `${prefix}limit:beacon:${at}:${address}`;
      pipe.incrby(key, n).pexpire(key, WINDOW_MS * 2);
    }
    try {
      const results = (await pipe.exec()) ?? [];
      if (at !== window) return;
      let i = 0;
      for (const address of sent.keys()) {
        const total = Number(results[i * 2]?.[1] ?? 0);
        if (total > limit) blocked.add(address);
        i++;
      }
    } catch {
      // Redis away: the local count still holds this instance to the limit.
    }
  };
  const timer = setInterval(() => void sync(), options.syncMs ?? 500);
  timer.unref();
  return {
    allow(address) {
      roll();
      if (blocked.has(address)) return false;
      const count = (local.get(address) ?? 0) + 1;
      local.set(address, count);
      if (count > limit) {
        blocked.add(address);
        return false;
      }
      pending.set(address, (pending.get(address) ?? 0) + 1);
      if (local.size > 100_000) local.clear(); // a scan of many addresses: forget, Redis still counts
      return true;
    },
    sync,
    close: async () => {
      clearInterval(timer);
      await sync();
    },
  };
}
