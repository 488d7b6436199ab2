import { describe, expect, it } from "vitest";
import { RateLimiter, networkOf } from "./rate-limit.js";

describe("rate limiting", () => {
  it("allows the limit per window, then says how long to wait", () => {
    let t = 0;
    const limiter = new RateLimiter(2, 60_000, () => t);
    expect([limiter.hit("a"), limiter.hit("a"), limiter.hit("b")]).toEqual([0, 0, 0]);
    t = 15_000;
    expect(limiter.hit("a")).toBe(45);
    t = 60_000;
    expect(limiter.hit("a")).toBe(0);
  });

  it("groups addresses by network", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:203.0.113.9")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8::/64");
  });
});
