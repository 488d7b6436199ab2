import { describe, expect, it } from "vitest";
import { InProcessPresence, PRESENCE_TTL_MS } from "./presence-store.js";

const t0 = new Date("2026-07-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("InProcessPresence", () => {
  it("lists who beat within the time-to-live, oldest visit first", () => {
    const p = new InProcessPresence();
    p.touch(1, { userId: 7, name: "Wren" }, t0);
    p.touch(1, { userId: 8, name: "Esme" }, at(5_000));
    p.touch(2, { userId: 9, name: "Abe" }, t0);
    expect(p.present(1, at(10_000)).map((v) => v.name)).toEqual(["Wren", "Esme"]);
    expect(p.present(1, at(10_000))[0]!.since).toBe(t0.toISOString());
  });

  it("forgets someone after three missed heartbeats, and keeps the visit's start while they beat", () => {
    const p = new InProcessPresence();
    p.touch(1, { userId: 7, name: "Wren" }, t0);
    p.touch(1, { userId: 7, name: "Wren" }, at(15_000));
    expect(p.present(1, at(15_000 + PRESENCE_TTL_MS - 1))).toMatchObject([{ since: t0.toISOString() }]);
    expect(p.present(1, at(15_000 + PRESENCE_TTL_MS))).toEqual([]);
    // Back later: a new visit.
    p.touch(1, { userId: 7, name: "Wren" }, at(120_000));
    expect(p.present(1, at(120_000))).toMatchObject([{ since: at(120_000).toISOString() }]);
  });

  it("removes who left", () => {
    const p = new InProcessPresence();
    p.touch(1, { userId: 7, name: "Wren" }, t0);
    p.leave(1, 7);
    expect(p.present(1, t0)).toEqual([]);
  });
});
