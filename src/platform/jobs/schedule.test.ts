import { describe, expect, it } from "vitest";
import { compileSchedule, latestOccurrence, nextOccurrence, occurrenceKey } from "./schedule.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

function occurrences(cron: string, timeZone: string, from: string, count: number): string[] {
  const schedule = compileSchedule({ name: "t", cron, timeZone });
  const out: string[] = [];
  let at: Date | null = new Date(from);
  while (out.length < count && (at = nextOccurrence(schedule, at))) out.push(at.toISOString());
  return out;
}

describe("schedules in Europe/London", () => {
  it("fires 06:00 at 05:00Z in summer and 06:00Z in winter across BST→GMT on 2026-10-25", () => {
    expect(occurrences("0 6 * * *", "Europe/London", "2026-10-23T12:00:00Z", 3)).toEqual([
      "2026-10-24T05:00:00.000Z",
      "2026-10-25T06:00:00.000Z",
      "2026-10-26T06:00:00.000Z",
    ]);
  });

  it("fires 06:00 at 06:00Z in winter and 05:00Z in summer across GMT→BST on 2026-03-29", () => {
    expect(occurrences("0 6 * * *", "Europe/London", "2026-03-27T12:00:00Z", 3)).toEqual([
      "2026-03-28T06:00:00.000Z",
      "2026-03-29T05:00:00.000Z",
      "2026-03-30T05:00:00.000Z",
    ]);
  });

  it("fires the 05:30 compose half an hour before the send on both sides of the change", () => {
    expect(occurrences("30 5 * * *", "Europe/London", "2026-10-24T00:00:00Z", 2)).toEqual([
      "2026-10-24T04:30:00.000Z",
      "2026-10-25T05:30:00.000Z",
    ]);
  });

  it("reads the pattern in UTC when no zone is given", () => {
    expect(occurrences("0 6 * * *", "UTC", "2026-07-01T00:00:00Z", 1)).toEqual(["2026-07-01T06:00:00.000Z"]);
  });
});

describe("latestOccurrence", () => {
  const daily = compileSchedule({ name: "t", cron: "0 6 * * *", timeZone: "Europe/London" });

  it("finds the latest occurrence in (after, now], however far back", () => {
    const now = new Date("2026-10-26T09:00:00Z");
    expect(iso(latestOccurrence(daily, new Date("2026-10-23T05:00:00Z"), now))).toBe("2026-10-26T06:00:00.000Z");
    expect(iso(latestOccurrence(daily, new Date("2025-01-01T00:00:00Z"), now))).toBe("2026-10-26T06:00:00.000Z");
  });

  it("includes an occurrence exactly at now and excludes one exactly at after", () => {
    const at = new Date("2026-10-26T06:00:00Z");
    expect(iso(latestOccurrence(daily, new Date("2026-10-26T00:00:00Z"), at))).toBe(at.toISOString());
    expect(latestOccurrence(daily, at, new Date("2026-10-26T09:00:00Z"))).toBeNull();
  });

  it("finds a weekly occurrence weeks back and nothing when none fell in the interval", () => {
    const weekly = compileSchedule({ name: "t", cron: "0 6 * * 1", timeZone: "Europe/London" });
    const now = new Date("2026-11-25T12:00:00Z");
    expect(iso(latestOccurrence(weekly, new Date("2026-10-01T00:00:00Z"), now))).toBe("2026-11-23T06:00:00.000Z");
    expect(latestOccurrence(weekly, new Date("2026-11-24T00:00:00Z"), now)).toBeNull();
  });

  it("keys an occurrence by name and UTC instant, and refuses '@' in a name", () => {
    expect(occurrenceKey("morning.send", new Date("2026-10-25T06:00:00Z"))).toBe(
      "morning.send@2026-10-25T06:00:00.000Z",
    );
    expect(() => compileSchedule({ name: "a@b", cron: "0 6 * * *" })).toThrow(/@/);
  });
});
