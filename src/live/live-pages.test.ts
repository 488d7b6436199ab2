import { describe, expect, it } from "vitest";
import { PAGE_SIZE, liveWindow, pageOfPosition } from "./live-pages.js";

describe("live blog paging", () => {
  it("shows everything on the live blog's address until there are more than two blocks", () => {
    expect(liveWindow(0, undefined)).toEqual({ page: 0, offset: 0, limit: 0, older: null, newer: null });
    expect(liveWindow(40, undefined)).toEqual({ page: 0, offset: 0, limit: 40, older: null, newer: null });
    expect(liveWindow(40, 1)).toBe("main");
  });

  it("keeps an older block's entries fixed as new ones arrive", () => {
    const at41 = liveWindow(41, 1);
    const at99 = liveWindow(99, 1);
    expect(at41).toEqual({ page: 1, offset: 0, limit: PAGE_SIZE, older: null, newer: 0 });
    expect(at99).toMatchObject({ page: 1, offset: 0, limit: PAGE_SIZE, older: null, newer: 2 });
    expect(liveWindow(99, 3)).toMatchObject({ page: 3, offset: 40, older: 2, newer: 0 });
    expect(liveWindow(99, undefined)).toEqual({ page: 0, offset: 60, limit: 39, older: 3, newer: null });
    expect(liveWindow(99, 4)).toBe("main");
    expect(liveWindow(99, 6)).toBeUndefined();
  });

  it("says which page an entry is on", () => {
    expect(pageOfPosition(99, 0)).toBe(1);
    expect(pageOfPosition(99, 59)).toBe(3);
    expect(pageOfPosition(99, 60)).toBe(0);
    expect(pageOfPosition(30, 0)).toBe(0);
  });
});
