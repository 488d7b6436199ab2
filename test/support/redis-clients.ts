import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

// Redis for tests: one shared server on 127.0.0.1:6379 (TEST_REDIS_URL), each test on a prefix of
// its own so engineers' runs never see each other's keys or channels.

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const redisPrefix = (what: string) => `test-${what}-${randomBytes(4).toString("hex")}:`;

/**
 * Ends the bus subscriber connections of the processes on `prefix` (as a Redis restart or a network
 * cut would) and returns how many it ended. Only ours: they are named after the prefix.
 */
export async function killSubscribers(prefix: string): Promise<number> {
  const admin = new Redis(REDIS_URL);
  try {
    const name = `${prefix.replace(/[^\w:.-]/g, "_")}sub`;
    const list = String(await admin.client("LIST"));
    const ids = list
      .split("\n")
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await admin.client("KILL", "ID", id);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}

/** Removes every key under `prefix`. */
export async function dropKeys(prefix: string): Promise<void> {
  const admin = new Redis(REDIS_URL);
  try {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
  } finally {
    admin.disconnect();
  }
}
