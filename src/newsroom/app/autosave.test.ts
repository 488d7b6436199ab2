import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type SaveState, SaveQueue, type SendResult, readStoredEdits, savedAt, storeKey } from "./autosave.js";
import type { ArticleDraft, DraftPatch } from "./types.js";

const draft = (over: Partial<ArticleDraft> = {}): ArticleDraft =>
  ({
    id: 5,
    version: 1,
    status: "draft",
    kicker: "",
    headline: "First",
    standfirst: "",
    slug: "first",
    sectionId: 1,
    tagIds: [],
    authorIds: [],
    heroMediaId: null,
    heroCaption: null,
    heroCredit: null,
    videoId: null,
    seoTitle: "",
    seoDescription: "",
    socialMediaId: null,
    breaking: false,
    editorsNotes: "",
    body: { type: "doc", content: [] },
    embargoAt: null,
    tags: [],
    authors: [],
    scheduledAt: null,
    publishedAt: null,
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-01T09:00:00.000Z",
    createdBy: 1,
    url: "/news/first",
    wordCount: 0,
    readingMinutes: 1,
    notes: [],
    events: [],
    ...over,
  }) as ArticleDraft;

class MemoryStore {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

/** A server that applies patches on top of its version and refuses stale ones. */
function fakeServer(start: ArticleDraft) {
  let current = start;
  const calls: { baseVersion: number; patch: DraftPatch }[] = [];
  let mode: "ok" | "offline" | "error" = "ok";
  const send = vi.fn(async (baseVersion: number, patch: DraftPatch): Promise<SendResult> => {
    calls.push({ baseVersion, patch });
    if (mode === "offline") return { ok: false, kind: "offline" };
    if (mode === "error") return { ok: false, kind: "error", message: "Headline too long" };
    if (baseVersion !== current.version) return { ok: false, kind: "conflict", current };
    current = { ...current, ...patch, version: current.version + 1, updatedAt: new Date().toISOString() };
    return { ok: true, draft: current };
  });
  return {
    send,
    calls,
    get current() {
      return current;
    },
    setMode: (m: typeof mode) => (mode = m),
    /** Someone else saves. */
    otherSaves: (patch: DraftPatch) => (current = { ...current, ...patch, version: current.version + 1 }),
  };
}

function setup(base = draft(), online = () => true) {
  const server = fakeServer(base);
  const store = new MemoryStore();
  const states: SaveState[] = [];
  const saved: ArticleDraft[] = [];
  const queue = new SaveQueue({
    base,
    store,
    send: server.send,
    onState: (s) => states.push(s),
    onSaved: (d) => saved.push(d),
    isOnline: online,
    delayMs: 1000,
    retryMs: 5000,
  });
  return { server, store, states, saved, queue, last: () => states.at(-1)?.kind };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("autosave", () => {
  it("keeps an edit in storage at once and saves it after the pause, with the base version", async () => {
    const { server, store, queue, last } = setup();
    queue.edit("headline", "Second");
    expect(readStoredEdits(store, 5)).toMatchObject({ baseVersion: 1, patch: { headline: "Second" } });
    expect(last()).toBe("pending");
    await vi.advanceTimersByTimeAsync(999);
    expect(server.send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toEqual([{ baseVersion: 1, patch: { headline: "Second" } }]);
    expect(last()).toBe("saved");
    expect(queue.version).toBe(2);
    expect(store.getItem(storeKey(5))).toBeNull();
  });

  it("collects typing into one save and waits for the last keystroke", async () => {
    const { server, queue } = setup();
    for (const h of ["S", "Se", "Sec", "Second"]) {
      queue.edit("headline", h);
      await vi.advanceTimersByTimeAsync(400);
    }
    queue.edit("kicker", "Live");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toEqual([{ baseVersion: 1, patch: { headline: "Second", kicker: "Live" } }]);
  });

  it("drops a field typed back to the saved value", async () => {
    const { server, queue, last, store } = setup();
    queue.edit("headline", "Other");
    queue.edit("headline", "First");
    expect(last()).toBe("saved");
    expect(store.getItem(storeKey(5))).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.send).not.toHaveBeenCalled();
  });

  it("keeps edits typed during a save and saves them next on the new version", async () => {
    const { server, queue } = setup();
    let release!: () => void;
    server.send.mockImplementationOnce(async (baseVersion, patch) => {
      await new Promise<void>((r) => (release = r));
      return { ok: true, draft: draft({ ...patch, version: baseVersion + 1 }) };
    });
    queue.edit("headline", "Second");
    await vi.advanceTimersByTimeAsync(1000);
    queue.edit("headline", "Third");
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pendingPatch).toEqual({ headline: "Third" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls.at(-1)).toEqual({ baseVersion: 2, patch: { headline: "Third" } });
  });

  it("waits offline with the edits kept, and saves when the connection returns", async () => {
    let online = false;
    const { server, store, queue, last } = setup(draft(), () => online);
    queue.edit("standfirst", "Written on a train");
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toBe("offline");
    expect(server.send).not.toHaveBeenCalled();
    expect(readStoredEdits(store, 5)?.patch).toEqual({ standfirst: "Written on a train" });
    online = true;
    await queue.flush();
    expect(server.calls).toEqual([{ baseVersion: 1, patch: { standfirst: "Written on a train" } }]);
    expect(last()).toBe("saved");
  });

  it("treats a failed request as offline and retries", async () => {
    const { server, queue, last } = setup();
    server.setMode("offline");
    queue.edit("headline", "Second");
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toBe("offline");
    server.setMode("ok");
    await vi.advanceTimersByTimeAsync(5000);
    expect(last()).toBe("saved");
    expect(server.current.headline).toBe("Second");
  });

  it("shows a refusal as an error and keeps the edit", async () => {
    const { server, queue, states, store } = setup();
    server.setMode("error");
    queue.edit("headline", "x".repeat(300));
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toEqual({ kind: "error", message: "Headline too long" });
    expect(readStoredEdits(store, 5)?.patch.headline).toHaveLength(300);
  });

  it("stops on a conflict with both versions, and saves the person's choice on the newer version", async () => {
    const { server, queue, states, saved } = setup();
    server.otherSaves({ standfirst: "Their standfirst" });
    queue.edit("headline", "Mine");
    await vi.advanceTimersByTimeAsync(1000);
    const conflict = states.at(-1)!;
    expect(conflict.kind).toBe("conflict");
    if (conflict.kind !== "conflict") return;
    expect(conflict.theirs.version).toBe(2);
    expect(conflict.mine).toEqual({ headline: "Mine" });
    // Typing on during the conflict is kept and not sent.
    queue.edit("kicker", "Also mine");
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.calls).toHaveLength(1);
    queue.resolve(conflict.theirs, { headline: "Mine", kicker: "Also mine" });
    expect(saved.at(-1)?.version).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls.at(-1)).toEqual({ baseVersion: 2, patch: { headline: "Mine", kicker: "Also mine" } });
    expect(server.current).toMatchObject({ headline: "Mine", kicker: "Also mine", standfirst: "Their standfirst" });
  });

  it("taking theirs leaves nothing pending", async () => {
    const { server, queue, states, store } = setup();
    server.otherSaves({ headline: "Theirs" });
    queue.edit("headline", "Mine");
    await vi.advanceTimersByTimeAsync(1000);
    const conflict = states.at(-1)!;
    if (conflict.kind !== "conflict") throw new Error("expected a conflict");
    queue.resolve(conflict.theirs, {});
    expect(queue.hasPending).toBe(false);
    expect(states.at(-1)?.kind).toBe("saved");
    expect(store.getItem(storeKey(5))).toBeNull();
  });

  it("resumes edits kept from an earlier visit, or shows a conflict when the article moved on", async () => {
    const first = setup();
    first.queue.edit("headline", "Typed before the tab closed");
    const kept = readStoredEdits(first.store, 5)!;
    first.queue.stop();

    const same = setup();
    same.queue.restore(kept);
    await vi.advanceTimersByTimeAsync(0);
    expect(same.server.calls).toEqual([{ baseVersion: 1, patch: { headline: "Typed before the tab closed" } }]);

    const moved = setup(draft({ version: 3, headline: "Changed elsewhere" }));
    moved.queue.restore(kept);
    expect(moved.states.at(-1)).toMatchObject({ kind: "conflict", mine: { headline: "Typed before the tab closed" } });
    // The kept edits still name the version they were typed on.
    expect(readStoredEdits(moved.store, 5)?.baseVersion).toBe(1);
    expect(moved.server.send).not.toHaveBeenCalled();
  });

  it("ignores stored records that are not this article's", () => {
    const store = new MemoryStore();
    store.setItem(storeKey(5), "{not json");
    expect(readStoredEdits(store, 5)).toBeUndefined();
    store.setItem(storeKey(5), JSON.stringify({ articleId: 6, baseVersion: 1, patch: {} }));
    expect(readStoredEdits(store, 5)).toBeUndefined();
  });
});

describe("savedAt", () => {
  it("is the pending copy's save time for a published story with unpublished changes", () => {
    const live = draft({ status: "published", updatedAt: "2026-11-01T09:00:00.000Z" });
    expect(savedAt(live)).toBe("2026-11-01T09:00:00.000Z");
    const pending = { changes: 1, review: false, updatedAt: "2026-11-01T09:05:00.000Z", updatedBy: "Wren" };
    expect(savedAt({ ...live, pending })).toBe("2026-11-01T09:05:00.000Z");
  });
});
