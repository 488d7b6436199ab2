import { describe, expect, it } from "vitest";
import { type CachedPage, PageStore, pageBytes } from "./page-store.js";

function page(key: string, size: number, tags: string[] = []): CachedPage {
  const p = {
    key,
    contentType: "text/html",
    body: Buffer.alloc(size),
    br: undefined,
    gzip: undefined,
    etag: `W/"${key}"`,
    tags,
    storedAt: 0,
    expiresAt: 1,
    meta: undefined,
  };
  return { ...p, bytes: pageBytes(p) };
}

describe("the page store", () => {
  it("keeps its bytes under the budget, dropping the least recently used first", () => {
    const one = page("/a", 1000).bytes;
    const store = new PageStore(one * 8 + 10);
    const keys = ["/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"];
    for (const key of keys) store.set(page(key, 1000));
    expect(store.get("/a")).toBeDefined(); // /a is now the most recent; /b the oldest
    store.set(page("/i", 1000));
    expect([...keys, "/i"].filter((k) => store.peek(k) === undefined)).toEqual(["/b"]);
    expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
    expect(store.evictions).toBe(1);
  });

  it("refuses a page larger than an eighth of the budget", () => {
    const store = new PageStore(8_000);
    expect(store.set(page("/big", 2_000))).toBe(false);
    expect(store.size).toBe(0);
  });

  it("finds pages by tag and forgets the tags of pages that go", () => {
    const store = new PageStore(1_000_000);
    store.set(page("/a", 10, ["article-1", "rail-frame"]));
    store.set(page("/b", 10, ["article-2", "rail-frame"]));
    expect(store.keysTagged(["article-1"])).toEqual(new Set(["/a"]));
    expect(store.keysTagged(["rail-frame", "nothing"])).toEqual(new Set(["/a", "/b"]));
    store.delete("/a");
    expect(store.keysTagged(["article-1", "rail-frame"])).toEqual(new Set(["/b"]));
    // Replacing a key replaces its tags.
    store.set(page("/b", 10, ["article-3"]));
    expect(store.keysTagged(["article-2", "rail-frame"])).toEqual(new Set());
    expect(store.bytes).toBe(page("/b", 10, ["article-3"]).bytes);
  });
});
