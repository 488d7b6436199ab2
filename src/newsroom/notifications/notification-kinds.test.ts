import { describe, expect, it } from "vitest";
import { kindOfMove } from "./notification-kinds.js";

describe("kindOfMove", () => {
  it("names each workflow move", () => {
    expect(kindOfMove("draft", "in_review")).toBe("submitted");
    expect(kindOfMove("in_review", "draft")).toBe("returned");
    expect(kindOfMove("scheduled", "draft")).toBe("returned");
    expect(kindOfMove("in_review", "published")).toBe("approved");
    expect(kindOfMove("in_review", "scheduled")).toBe("approved");
    expect(kindOfMove("draft", "scheduled")).toBe("scheduled");
    expect(kindOfMove("scheduled", "published")).toBe("published");
    expect(kindOfMove("draft", "published")).toBe("published");
  });
  it("tells nobody of a withdrawal", () => {
    expect(kindOfMove("published", "unpublished")).toBeNull();
    expect(kindOfMove("scheduled", "draft")).not.toBeNull();
  });
});
