import { describe, expect, it } from "vitest";
import { instantToLondon, londonToInstant } from "./london-time.js";

describe("London wall-clock times", () => {
  it("reads winter times as UTC and summer times as UTC+1", () => {
    expect(londonToInstant("2026-01-15", "09:30")?.toISOString()).toBe("2026-01-15T09:30:00.000Z");
    expect(londonToInstant("2026-07-15", "09:30")?.toISOString()).toBe("2026-07-15T08:30:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 29 March 2026: 01:00 GMT → 02:00 BST. 00:30 is GMT, 03:00 is BST, 01:30 does not exist.
    expect(londonToInstant("2026-03-29", "00:30")?.toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(londonToInstant("2026-03-29", "03:00")?.toISOString()).toBe("2026-03-29T02:00:00.000Z");
    expect(londonToInstant("2026-03-29", "01:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 25 October 2026: 02:00 BST → 01:00 GMT; 01:30 happens twice and the first is taken.
    expect(londonToInstant("2026-10-25", "01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(londonToInstant("2026-10-25", "12:00")?.toISOString()).toBe("2026-10-25T12:00:00.000Z");
  });

  it("round-trips an instant through the form's date and time", () => {
    for (const iso of ["2026-01-15T09:30:00.000Z", "2026-07-15T23:45:00.000Z", "2026-12-31T23:59:00.000Z"]) {
      const { date, time } = instantToLondon(new Date(iso));
      expect(londonToInstant(date, time)?.toISOString()).toBe(iso);
    }
    expect(instantToLondon(new Date("2026-07-15T23:45:00.000Z"))).toEqual({ date: "2026-07-16", time: "00:45" });
  });

  it("refuses malformed input", () => {
    expect(londonToInstant("15/01/2026", "09:30")).toBeUndefined();
    expect(londonToInstant("2026-01-15", "9:30")).toBeUndefined();
  });
});

describe("the configured newsroom zone (TZ_NEWSROOM)", () => {
  it("counts in the zone the server names, and refuses one the browser does not know", async () => {
    const { formatLondon, newsroomZone, setNewsroomZone, zoneLabel } = await import("./london-time.js");
    try {
      expect(setNewsroomZone("America/New_York")).toBe("America/New_York");
      // 09:30 in New York in July is 13:30 UTC (EDT, UTC-4); in January 14:30 (EST).
      expect(londonToInstant("2026-07-15", "09:30")?.toISOString()).toBe("2026-07-15T13:30:00.000Z");
      expect(londonToInstant("2026-01-15", "09:30")?.toISOString()).toBe("2026-01-15T14:30:00.000Z");
      expect(instantToLondon(new Date("2026-07-15T02:00:00Z"))).toEqual({ date: "2026-07-14", time: "22:00" });
      expect(formatLondon("2026-07-15T02:00:00Z")).toMatch(/^14 Jul 2026/);
      expect(zoneLabel()).toBe("New York time");
      expect(setNewsroomZone("Mars/Olympus_Mons")).toBe("America/New_York");
      expect(zoneLabel("Europe/London")).toBe("London time");
      expect(zoneLabel("UTC")).toBe("UTC");
    } finally {
      setNewsroomZone("Europe/London");
    }
    expect(newsroomZone()).toBe("Europe/London");
  });
});
