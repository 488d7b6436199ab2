import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatEditionDate,
  startOfZonedDay,
  toZonedIso,
  zonedDayRange,
  zonedIsoDate,
  zoneOffsetMinutes,
} from "./time.js";

const tz = "Europe/London";
const at = (iso: string) => new Date(iso);

describe("newsroom dates across the BST/GMT change", () => {
  it("formats the Morning Headlines date the reference way", () => {
    expect(formatEditionDate(at("2024-05-01T05:00:00Z"), tz)).toBe("Wednesday, May 1 2024");
  });

  it("gives offsets for GMT and BST", () => {
    expect(zoneOffsetMinutes(at("2026-01-15T12:00:00Z"), tz)).toBe(0);
    expect(zoneOffsetMinutes(at("2026-07-15T12:00:00Z"), tz)).toBe(60);
    expect(toZonedIso(at("2026-07-01T08:30:00Z"), tz)).toBe("2026-07-01T09:30:00+01:00");
    expect(toZonedIso(at("2026-11-28T16:03:00Z"), tz)).toBe("2026-11-28T16:03:00+00:00");
  });

  it("moves the clock forward on the last Sunday of March (01:00 GMT becomes 02:00 BST)", () => {
    expect(toZonedIso(at("2026-03-29T00:59:00Z"), tz)).toBe("2026-03-29T00:59:00+00:00");
    expect(toZonedIso(at("2026-03-29T01:00:00Z"), tz)).toBe("2026-03-29T02:00:00+01:00");
    expect(formatDateTime(at("2026-03-29T01:30:00Z"), tz)).toBe("29 March 2026, 02:30 BST");
  });

  it("moves the clock back on the last Sunday of October (01:00 happens twice)", () => {
    expect(toZonedIso(at("2026-10-25T00:30:00Z"), tz)).toBe("2026-10-25T01:30:00+01:00");
    expect(toZonedIso(at("2026-10-25T01:30:00Z"), tz)).toBe("2026-10-25T01:30:00+00:00");
    expect(formatDateTime(at("2026-10-25T01:30:00Z"), tz)).toBe("25 October 2026, 01:30 GMT");
  });

  it("finds the London day of an instant, not the UTC day", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    expect(zonedIsoDate(at("2026-06-30T23:30:00Z"), tz)).toBe("2026-07-01");
    expect(startOfZonedDay(at("2026-06-30T23:30:00Z"), tz).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(startOfZonedDay(at("2026-12-01T00:30:00Z"), tz).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("makes clock-change days 23 and 25 hours long", () => {
    const spring = zonedDayRange("2026-03-29", tz);
    expect(spring.start.toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect((spring.end.getTime() - spring.start.getTime()) / 3600_000).toBe(23);
    const autumn = zonedDayRange("2026-10-25", tz);
    expect(autumn.start.toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3600_000).toBe(25);
  });

  it("works in another newsroom's zone", () => {
    expect(zonedIsoDate(at("2026-07-01T03:00:00Z"), "America/New_York")).toBe("2026-06-30");
    expect(toZonedIso(at("2026-07-01T03:00:00Z"), "America/New_York")).toBe("2026-06-30T23:00:00-04:00");
  });
});
