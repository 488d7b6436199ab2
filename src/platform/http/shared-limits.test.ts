import { Redis, type RedisOptions } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_URL, dropKeys, redisPrefix } from "../../../test/support/redis-clients.js";
import { memoryLimits, redisLimits } from "./shared-limits.js";

// Limits two processes share through Redis: each client here stands for one instance.

const clients: Redis[] = [];
const prefixes: string[] = [];
const client = (url = REDIS_URL, options: RedisOptions = {}) => {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, ...options });
  redis.on("error", () => undefined);
  clients.push(redis);
  return redis;
};
const prefix = () => {
  const p = redisPrefix("limits");
  prefixes.push(p);
  return p;
};

afterAll(async () => {
  await Promise.all(prefixes.map(dropKeys));
  for (const c of clients) c.disconnect();
});

describe("limits shared through Redis", () => {
  it("counts hits from every instance in one window, per key, and not across prefixes", async () => {
    const p = prefix();
    const a = redisLimits(client(), p)("signup-address", 5, 60_000);
    const b = redisLimits(client(), p)("signup-address", 5, 60_000);
    const stranger = redisLimits(client(), prefix())("signup-address", 5, 60_000);
    for (let i = 0; i < 5; i++) expect(await (i % 2 ? a : b).hit("reader@example.org")).toBe(0);
    const wait = await a.hit("reader@example.org");
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await b.hit("reader@example.org")).toBeGreaterThan(0);
    expect(await b.hit("other@example.org")).toBe(0);
    expect(await stranger.hit("reader@example.org")).toBe(0);
  });

  it("starts a new window once the last one has passed", async () => {
    const limiter = redisLimits(client(), prefix())("reset-address", 1, 300);
    expect(await limiter.hit("x")).toBe(0);
    expect(await limiter.hit("x")).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    expect(await limiter.hit("x")).toBe(0);
  });

  it("counts in memory while Redis does not answer, and says so once", async () => {
    const warnings: string[] = [];
    const away = client("redis://127.0.0.1:1", { enableOfflineQueue: false, retryStrategy: () => null });
    const limiter = redisLimits(away, prefix(), { warn: (_o, msg) => warnings.push(msg) })("signup-network", 2, 60_000);
    expect(await limiter.hit("10.0.0.0/24")).toBe(0);
    expect(await limiter.hit("10.0.0.0/24")).toBe(0);
    expect(await limiter.hit("10.0.0.0/24")).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
  });

  it("keeps the in-process limiter's behaviour without Redis", async () => {
    let t = 0;
    const limiter = memoryLimits("x", 1, 1000, () => t);
    expect(await limiter.hit("k")).toBe(0);
    expect(await limiter.hit("k")).toBe(1);
    t = 1000;
    expect(await limiter.hit("k")).toBe(0);
  });
});
