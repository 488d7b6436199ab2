import { expect, it } from "vitest";
import { plural } from "./plural.js";

it("says 1 article, 0 and 2 articles, and takes an irregular plural", () => {
  expect(plural(1, "article")).toBe("1 article");
  expect(plural(0, "article")).toBe("0 articles");
  expect(plural(2, "video")).toBe("2 videos");
  expect(plural(1, "story", "stories")).toBe("1 story");
  expect(plural(12000, "story", "stories")).toBe("12,000 stories");
});
