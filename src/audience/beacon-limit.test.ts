import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_URL, dropKeys, redisPrefix } from "../../test/support/redis-clients.js";
import { memoryBeaconLimit, sharedBeaconLimit } from "./beacon-limit.js";

// Beacons per address: in one process, and shared by two instances through a real Redis.

const clients: Redis[] = [];
const prefixes: string[] = [];
const client = (url = REDIS_URL) => {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: url !== REDIS_URL });
  redis.on("error", () => undefined);
  clients.push(redis);
  return redis;
};
const prefix = () => {
  const p = redisPrefix("beacon-limit");
  prefixes.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(prefixes.map(dropKeys));
  for (const c of clients) c.disconnect();
});

const allowed = (limit: { allow(a: string): boolean }, address: string, times: number) =>
  Array.from({ length: times }, () => limit.allow(address)).filter(Boolean).length;

describe("beacon limit", () => {
  it("in memory: the limit per address and window, other addresses untouched, a new window fresh", () => {
    let t = 1_000_000_000_000;
    const limit = memoryBeaconLimit(5, () => t);
    expect(allowed(limit, "198.51.100.7", 8)).toBe(5);
    expect(limit.allow("198.51.100.8")).toBe(true);
    t += 60_000;
    expect(allowed(limit, "198.51.100.7", 8)).toBe(5);
  });

  it("shared: two instances under the limit each are refused together once Redis adds them up", async () => {
    const p = prefix();
    const t = 1_000_000_000_000;
    const a = sharedBeaconLimit(client(), p, { limit: 5, now: () => t, syncMs: 60_000 });
    const b = sharedBeaconLimit(client(), p, { limit: 5, now: () => t, syncMs: 60_000 });
    expect(allowed(a, "198.51.100.7", 3)).toBe(3);
    expect(allowed(b, "198.51.100.7", 3)).toBe(3);
    await a.sync();
    await b.sync(); // 6 in the window: over
    expect(b.allow("198.51.100.7")).toBe(false);
    // An instance learns the total with its own next hits from the address: one more gets through
    // before its next sync (the overshoot is bounded by one sync interval), none after.
    expect(a.allow("198.51.100.7")).toBe(true);
    await a.sync();
    expect(a.allow("198.51.100.7")).toBe(false);
    expect(a.allow("198.51.100.8")).toBe(true);
    await a.close();
    await b.close();
  });

  it("shared: a new window starts fresh, and without Redis each instance still keeps the limit", async () => {
    let t = 1_000_000_000_000;
    const p = prefix();
    const a = sharedBeaconLimit(client(), p, { limit: 2, now: () => t, syncMs: 60_000 });
    expect(allowed(a, "203.0.113.9", 4)).toBe(2);
    await a.sync();
    t += 60_000;
    expect(allowed(a, "203.0.113.9", 4)).toBe(2);
    await a.close();

    const away = sharedBeaconLimit(client("redis://127.0.0.1:1"), prefix(), { limit: 3, now: () => t, syncMs: 60_000 });
    expect(allowed(away, "203.0.113.10", 5)).toBe(3);
    await away.sync();
    expect(away.allow("203.0.113.10")).toBe(false);
    expect(away.allow("203.0.113.11")).toBe(true);
    await away.close();
  });
});
