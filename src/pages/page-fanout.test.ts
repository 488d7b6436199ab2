import { describe, expect, it } from "vitest";
import { localBus } from "../platform/bus/local-bus.js";
import { type Bus, Subscribers } from "../platform/bus/bus.js";
import { PageCache } from "../platform/cache/page-cache.js";
import { OFFLINE_TTL_MS, PAGES_CHANNEL, announceToPages, fanOutPages } from "./page-fanout.js";
import { PageLayer } from "./page-layer.js";
import { Rails, railKey } from "./rails.js";

// Two page layers ("processes") on one bus: what one drops, the other drops; the CDN is purged by
// the writer alone; a loss of the bus shortens lifetimes and drops everything, a gap drops everything.

/** A bus on which the test says when the connection is lost and back. */
function testBus(): Bus & { lose(): void; regain(): void } {
  const inner = localBus();
  const events = new Subscribers(() => undefined);
  return {
    ...inner,
    onGap: (h) => events.addGap(h),
    onLoss: (h) => events.addLoss(h),
    lose: () => events.loss(),
    regain: () => events.gap(),
  };
}

function process(bus: Bus, clock: { t: number }, purged: string[][]) {
  const rails = new Rails({ now: () => new Date(clock.t) });
  rails.define(railKey<number>("frame"), async () => 1);
  const cache = new PageCache({ maxBytes: 1 << 20, now: () => clock.t });
  const layer = new PageLayer({
    cache,
    rails,
    purge: async (tags) => void purged.push([...tags]),
    cdnMaxAgeSeconds: 86_400,
    log: { warn: () => undefined },
  });
  fanOutPages(layer, bus);
  const store = (key: string, tags: string[]) =>
    cache.fetch(key, async () => ({ page: { body: key, contentType: "text/html", tags } }));
  return { layer, cache, store, has: (key: string) => cache.fresh(key) !== undefined };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe("page invalidation across processes", () => {
  it("drops the writer's tags in every other process, and purges the CDN once, from the writer", async () => {
    const bus = testBus();
    const clock = { t: 0 };
    const purged: string[][] = [];
    const a = process(bus, clock, purged);
    const b = process(bus, clock, purged);
    for (const p of [a, b]) {
      await p.store("/story", ["story-1"]);
      await p.store("/home", ["latest"]);
    }
    await a.layer.invalidate(["story-1"]);
    expect(a.has("/story")).toBe(false);
    await tick();
    expect(b.has("/story")).toBe(false);
    expect(b.has("/home")).toBe(true);
    expect(purged).toEqual([["story-1"]]);
  });

  it("drops everything on a CLI's 'all', and keeps pages no longer than OFFLINE_TTL_MS while cut off", async () => {
    const bus = testBus();
    const clock = { t: 0 };
    const b = process(bus, clock, []);
    await b.store("/home", ["latest"]);
    await announceToPages(bus, "all");
    await tick();
    expect(b.has("/home")).toBe(false);

    await b.store("/home", ["latest"]);
    bus.lose();
    expect(b.has("/home")).toBe(false);
    await b.store("/home", ["latest"]);
    clock.t += OFFLINE_TTL_MS - 1;
    expect(b.has("/home")).toBe(true);
    clock.t += 1;
    expect(b.has("/home")).toBe(false);

    await b.store("/story", ["story-1"]);
    bus.regain();
    expect(b.has("/story")).toBe(false);
    // Back to the usual lifetimes.
    await b.store("/story", ["story-1"]);
    clock.t += 60_000;
    expect(b.has("/story")).toBe(true);
  });

  it("ignores messages that are not its own kind", async () => {
    const bus = testBus();
    const b = process(bus, { t: 0 }, []);
    await b.store("/home", ["latest"]);
    await bus.publish(PAGES_CHANNEL, "not json");
    await bus.publish(PAGES_CHANNEL, JSON.stringify({ from: "x", tags: [1] }));
    await tick();
    expect(b.has("/home")).toBe(true);
  });
});
