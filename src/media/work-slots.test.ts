import { describe, expect, it } from "vitest";
import { workSlots } from "./work-slots.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("workSlots", () => {
  it("runs at most `size` at once, in arrival order, and goes on after a failure", async () => {
    const run = workSlots(2);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const job = (n: number, fail = false) =>
      run(async () => {
        started.push(n);
        active += 1;
        most = Math.max(most, active);
        await tick();
        active -= 1;
        if (fail) throw new Error(`job ${n} failed`);
        return n;
      });
    const results = await Promise.allSettled([job(1), job(2, true), job(3), job(4), job(5)]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "failed"))).toEqual([1, "failed", 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    // Every slot is free again.
    expect(await Promise.all([job(6), job(7)])).toEqual([6, 7]);
  });
});
