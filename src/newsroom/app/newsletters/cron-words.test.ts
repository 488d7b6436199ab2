import { describe, expect, it } from "vitest";
import { cronInWords } from "./cron-words.js";

describe("cronInWords", () => {
  it("words the forms the newsroom uses", () => {
    expect(cronInWords("0 6 * * *")).toBe("Every day at 06:00");
    expect(cronInWords("30 7 * * 1-5")).toBe("Weekdays at 07:30");
    expect(cronInWords("0 12 * * 5")).toBe("Every Friday at 12:00");
    expect(cronInWords("0 9 * * 1,3")).toBe("Every Monday and Wednesday at 09:00");
    expect(cronInWords("0 9 * * 0")).toBe("Every Sunday at 09:00");
    expect(cronInWords("0 9 * * 7")).toBe("Every Sunday at 09:00");
    expect(cronInWords("0 10 * * 6,0")).toBe("Weekends at 10:00");
    expect(cronInWords("0 8 * * 0-6")).toBe("Every day at 08:00");
    expect(cronInWords("15 18 1 * *")).toBe("On day 1 of every month at 18:15");
  });
  it("shows any other form as written", () => {
    expect(cronInWords("*/15 * * * *")).toBe("Custom schedule: */15 * * * *");
    expect(cronInWords("0 6 * 1 *")).toBe("Custom schedule: 0 6 * 1 *");
    expect(cronInWords("0 6 * *")).toBe("Custom schedule: 0 6 * *");
    expect(cronInWords("0 25 * * *")).toBe("Custom schedule: 0 25 * * *");
    expect(cronInWords("0 6 * * 5-1")).toBe("Custom schedule: 0 6 * * 5-1");
  });
});
