import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { PageCache, type Produced } from "./page-cache.js";

/** A render whose completion the test controls, counting how often it ran. */
function controlledRender(body: () => string, tags: string[] = ["t"]) {
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const r = {
    calls: 0,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
    produce: async (): Promise<Produced<never>> => {
      r.calls += 1;
      const seen = body(); // read before the wait, as a render reads its data before it renders
      await gate;
      return { page: { body: seen, contentType: "text/html", tags } };
    },
  };
  return r;
}

const text = (o: { kind: string; page?: { body: Buffer } }) => (o.kind === "page" ? o.page!.body.toString() : "");

function setup(options: { ttlMs?: number } = {}) {
  let t = 1_000_000;
  const warnings: object[] = [];
  const cache = new PageCache({
    maxBytes: 10_000_000,
    ttlMs: options.ttlMs ?? 60_000,
    staleWhileRevalidateMs: 2_000,
    retryAfterErrorMs: 5_000,
    now: () => t,
    log: { warn: (obj) => warnings.push(obj) },
  });
  return { cache, warnings, advance: (ms: number) => (t += ms) };
}

describe("the page cache", () => {
  it("renders once, then answers from memory, counting hits and misses", async () => {
    const { cache } = setup();
    const render = controlledRender(() => "v1");
    const first = await cache.fetch("/a", render.produce);
    const second = await cache.fetch("/a", render.produce);
    expect([first.kind === "page" && first.state, second.kind === "page" && second.state]).toEqual(["miss", "hit"]);
    expect(text(second)).toBe("v1");
    expect(render.calls).toBe(1);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, renders: 1, entries: 1 });
  });

  it("lets one request render while every other asking at the same time waits for it", async () => {
    const { cache } = setup();
    const render = controlledRender(() => "v1");
    render.hold();
    const all = Array.from({ length: 20 }, () => cache.fetch("/a", render.produce));
    render.release();
    const pages = await Promise.all(all);
    expect(render.calls).toBe(1);
    expect(pages.map(text)).toEqual(Array(20).fill("v1"));
  });

  it("drops exactly the pages carrying an invalidated tag", async () => {
    const { cache } = setup();
    let version = "v1";
    await cache.fetch("/a", controlledRender(() => version, ["article-1", "rail"]).produce);
    await cache.fetch("/b", controlledRender(() => version, ["article-2", "rail"]).produce);
    version = "v2";
    expect(cache.invalidate(["article-1"])).toBe(1);
    const again = (key: string, tags: string[]) => cache.fetch(key, controlledRender(() => version, tags).produce);
    expect(text(await again("/a", ["article-1", "rail"]))).toBe("v2");
    expect(text(await again("/b", ["article-2", "rail"]))).toBe("v1");
    expect(cache.invalidate(["rail"])).toBe(2);
    expect(cache.stats.entries).toBe(0);
  });

  it("never stores a render that a write invalidated while it ran, and never lets a later request wait for it", async () => {
    const { cache } = setup();
    let data = "old";
    const render = controlledRender(() => data, ["article-1"]);
    render.hold();
    const before = cache.fetch("/a", render.produce); // reads "old", finishes after the write
    data = "new";
    cache.invalidate(["article-1"]);
    const fresh = controlledRender(() => data, ["article-1"]);
    const after = cache.fetch("/a", fresh.produce); // asked after the write: must see "new"
    render.release();
    expect(text(await after)).toBe("new");
    expect(text(await before)).toBe("old");
    expect(fresh.calls).toBe(1);
    expect(text(await cache.fetch("/a", controlledRender(() => "never").produce))).toBe("new");
  });

  it("discards a render that read before a write when it finishes after the invalidation", async () => {
    const { cache } = setup();
    let release: () => void = () => undefined;
    const slow = async (): Promise<Produced<never>> => {
      const seen = "old";
      await new Promise<void>((r) => (release = r));
      return { page: { body: seen, contentType: "text/html", tags: ["article-1"] } };
    };
    const inFlight = cache.fetch("/a", slow);
    cache.invalidate(["article-1"]);
    release();
    expect(text(await inFlight)).toBe("old"); // its own waiters asked before the write
    expect(cache.stats).toMatchObject({ discarded: 1, entries: 0 });
    // An invalidation of another tag does not stop a render being stored.
    const other = cache.fetch("/b", controlledRender(() => "b", ["article-2"]).produce);
    cache.invalidate(["article-9"]);
    await other;
    expect(cache.stats.entries).toBe(1);
  });

  it("sends an expired page for a moment while one request renders it anew", async () => {
    const { cache, advance } = setup({ ttlMs: 1_000 });
    let version = "v1";
    const render = controlledRender(() => version);
    await cache.fetch("/a", render.produce);
    advance(1_500);
    version = "v2";
    render.hold();
    const during = await Promise.all(Array.from({ length: 5 }, () => cache.fetch("/a", render.produce)));
    expect(during.map((o) => o.kind === "page" && o.state)).toEqual(Array(5).fill("stale"));
    expect(during.map(text)).toEqual(Array(5).fill("v1"));
    expect(render.calls).toBe(2);
    render.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(text(await cache.fetch("/a", render.produce))).toBe("v2");
    expect(render.calls).toBe(2);
    expect(cache.stats.staleHits).toBe(5);
  });

  it("waits for the render once an expired page is older than the stale window", async () => {
    const { cache, advance } = setup({ ttlMs: 1_000 });
    let version = "v1";
    const render = controlledRender(() => version);
    await cache.fetch("/a", render.produce);
    advance(10_000);
    version = "v2";
    const outcome = await cache.fetch("/a", render.produce);
    expect([outcome.kind === "page" && outcome.state, text(outcome)]).toEqual(["miss", "v2"]);
  });

  it("keeps sending the last good copy when its render fails, says so, and tries again later", async () => {
    const { cache, advance, warnings } = setup({ ttlMs: 1_000 });
    await cache.fetch("/a", controlledRender(() => "good").produce);
    advance(5_000);
    let failures = 0;
    const failing = async (): Promise<Produced<never>> => {
      failures += 1;
      throw new Error("database down");
    };
    expect(text(await cache.fetch("/a", failing))).toBe("good");
    expect(text(await cache.fetch("/a", failing))).toBe("good");
    expect(failures).toBe(1); // the next try waits out the retry window
    expect(warnings).toHaveLength(1);
    expect(cache.stats).toMatchObject({ renderErrors: 1, servedOnError: 1 });
    advance(8_000); // past the retry window and the stale window: the next request waits for a render
    expect(text(await cache.fetch("/a", controlledRender(() => "mended").produce))).toBe("mended");
  });

  it("fails when there is no good copy, and forgets a page that is now gone", async () => {
    const { cache, advance } = setup({ ttlMs: 1_000 });
    await expect(cache.fetch("/x", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await cache.fetch("/a", controlledRender(() => "was here").produce);
    advance(5_000);
    await expect(cache.fetch("/a", () => Promise.reject(new AppError("GONE", "removed")))).rejects.toMatchObject({
      code: "GONE",
    });
    expect(cache.stats.entries).toBe(0);
  });

  it("does not send a copy that a write invalidated, even when the new render fails", async () => {
    const { cache } = setup();
    await cache.fetch("/a", controlledRender(() => "before the takedown", ["article-1"]).produce);
    cache.invalidate(["article-1"]);
    await expect(cache.fetch("/a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  });

  it("passes through what is not a page (a redirect) without storing it", async () => {
    const { cache } = setup();
    const outcome = await cache.fetch("/old", async () => ({ pass: { redirect: "/new" } }));
    expect(outcome).toEqual({ kind: "pass", value: { redirect: "/new" } });
    expect(cache.stats.entries).toBe(0);
  });

  it("keeps no page fresh past its bound, whatever the render asks (several processes, no shared invalidation)", async () => {
    let t = 0;
    const cache = new PageCache({ maxBytes: 1_000_000, maxTtlMs: 2_000, now: () => t });
    const produce = async (): Promise<Produced<never>> => ({
      page: { body: "x", contentType: "text/html", tags: [], ttlMs: 60_000 },
    });
    await cache.fetch("/a", produce);
    t = 1_500;
    expect((await cache.fetch("/a", produce)).kind === "page" && cache.stats.hits).toBe(1);
    t = 2_500;
    const later = await cache.fetch("/a", produce);
    expect(later.kind === "page" && later.state).toBe("stale");
  });
});
