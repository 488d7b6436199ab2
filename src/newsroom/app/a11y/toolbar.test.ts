import { describe, expect, it } from "vitest";
import { isToolbarKey, nextToolIndex } from "./toolbar.js";

describe("toolbar keys", () => {
  it("moves right and left, wrapping at both ends", () => {
    expect(nextToolIndex(0, "ArrowRight", 3)).toBe(1);
    expect(nextToolIndex(2, "ArrowRight", 3)).toBe(0);
    expect(nextToolIndex(0, "ArrowLeft", 3)).toBe(2);
    expect(nextToolIndex(2, "ArrowLeft", 3)).toBe(1);
  });
  it("goes to the first and last with Home and End", () => {
    expect(nextToolIndex(1, "Home", 17)).toBe(0);
    expect(nextToolIndex(1, "End", 17)).toBe(16);
  });
  it("knows its keys", () => {
    expect(isToolbarKey("ArrowRight")).toBe(true);
    expect(isToolbarKey("ArrowDown")).toBe(false);
    expect(isToolbarKey("Tab")).toBe(false);
  });
});
