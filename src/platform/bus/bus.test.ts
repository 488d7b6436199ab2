import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Bus } from "./bus.js";
import { localBus } from "./local-bus.js";
import { redisBus } from "./redis-bus.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: Bus[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((bus) => bus.close()));
});

function received(bus: Bus, channel: string): string[] {
  const messages: string[] = [];
  bus.subscribe(channel, (message) => messages.push(message));
  return messages;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("local bus", () => {
  it("delivers to this process's subscribers of the channel only, and stops after unsubscribe", async () => {
    const bus = localBus();
    opened.push(bus);
    const a = received(bus, "pages");
    const other = received(bus, "live");
    const late: string[] = [];
    const off = bus.subscribe("pages", (m) => late.push(m));
    await bus.publish("pages", "one");
    off();
    await bus.publish("pages", "two");
    expect(a).toEqual(["one", "two"]);
    expect(late).toEqual(["one"]);
    expect(other).toEqual([]);
  });

  it("keeps delivering to the other handlers when one throws", async () => {
    const errors: unknown[] = [];
    const bus = localBus({ error: (obj) => errors.push(obj) });
    opened.push(bus);
    bus.subscribe("pages", () => {
      throw new Error("boom");
    });
    const after = received(bus, "pages");
    await bus.publish("pages", "x");
    expect(after).toEqual(["x"]);
    expect(errors).toHaveLength(1);
  });
});

describe("redis bus", () => {
  const prefix = () => `test-bus-${randomBytes(4).toString("hex")}:`;

  it("reaches every process on the same Redis, and no one on another prefix", async () => {
    const p = prefix();
    const one = await redisBus({ url: REDIS_URL, prefix: p });
    const two = await redisBus({ url: REDIS_URL, prefix: p });
    const stranger = await redisBus({ url: REDIS_URL, prefix: prefix() });
    opened.push(one, two, stranger);
    const atOne = received(one, "pages");
    const atTwo = received(two, "pages");
    const atStranger = received(stranger, "pages");
    await Promise.all([one.ready(), two.ready(), stranger.ready()]);
    await one.publish("pages", "article:1");
    await two.publish("pages", "article:2");
    await until(() => atOne.length === 2 && atTwo.length === 2);
    expect(atOne).toEqual(["article:1", "article:2"]);
    expect(atTwo).toEqual(["article:1", "article:2"]);
    expect(atStranger).toEqual([]);
  });

  it("reports a gap after its connection drops, and receives again after reconnecting", async () => {
    const p = prefix();
    const bus = await redisBus({ url: REDIS_URL, prefix: p });
    const sender = await redisBus({ url: REDIS_URL, prefix: p });
    opened.push(bus, sender);
    const messages = received(bus, "pages");
    let gaps = 0;
    bus.onGap(() => gaps++);
    await bus.ready();

    const admin = new Redis(REDIS_URL);
    try {
      const list = await admin.client("LIST");
      const line = String(list)
        .split("\n")
        .find((l) => l.includes(` name=${p}sub `));
      const id = /\bid=(\d+)/.exec(line ?? "")?.[1];
      expect(id).toBeDefined();
      await admin.client("KILL", "ID", id!);
    } finally {
      admin.disconnect();
    }
    await until(() => gaps === 1);
    await until(() => {
      void sender.publish("pages", "after");
      return messages.includes("after");
    });
    expect(gaps).toBe(1);
  });
});
