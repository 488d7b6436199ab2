import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("FEED_FULL_TEXT", () => {
  it("is off unless set, and takes the usual yes/no words", () => {
    expect(loadConfig({}).feedFullText).toBe(false);
    expect(loadConfig({ FEED_FULL_TEXT: "true" }).feedFullText).toBe(true);
    expect(loadConfig({ FEED_FULL_TEXT: "0" }).feedFullText).toBe(false);
    expect(() => loadConfig({ FEED_FULL_TEXT: "maybe" })).toThrow(/FEED_FULL_TEXT/);
  });
});
