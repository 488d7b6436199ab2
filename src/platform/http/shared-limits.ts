import type { Redis } from "ioredis";
import { RateLimiter } from "./rate-limit.js";

// Fixed-window limits that every instance shares when Redis is configured (docs/adr/023): sign-ups
// per address and per network, password-reset emails per address, new preference links per
// subscriber. Sign-in limits are not here: they are rows in the database (ADR 015), already shared
// and moved in the same transaction as the attempt. Without Redis each process counts its own, as
// before; when Redis does not answer, the process counts in memory until it does (a limit that
// holds per instance for a while, never a refused sign-up).

export interface Limiter {
  /** Counts one hit; resolves with seconds to wait when over the limit, or 0. */
  hit(key: string): Promise<number>;
}

/** Makes the limiter named `name` (its keys' namespace) allowing `limit` hits per `windowMs`. */
export type Limits = (name: string, limit: number, windowMs: number, now?: () => number) => Limiter;

export const memoryLimits: Limits = (_name, limit, windowMs, now) => {
  const counter = new RateLimiter(limit, windowMs, now);
  return { hit: async (key) => counter.hit(key) };
};

// INCR and the window's expiry in one step: the first hit of a window sets it.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export function redisLimits(redis: Redis, prefix: string, log?: { warn: (obj: object, msg: string) => void }): Limits {
  let warnedAt = 0;
  return (name, limit, windowMs, now) => {
    const fallback = memoryLimits(name, limit, windowMs, now);
    return {
      async hit(key) {
        try {
          const [count, ttl] = (await redis.eval(HIT, 1, `${prefix}limit:${name}:${key}`, String(windowMs))) as [
            number,
            number,
          ];
          return count > limit ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
        } catch (err) {
          if (Date.now() - warnedAt > 60_000) {
            warnedAt = Date.now();
            log?.warn({ err, limit: name }, "Redis did not answer: counting this limit in this process for now");
          }
          return fallback.hit(key);
        }
      },
    };
  };
}
