import { expect, it } from "vitest";
import { SentMarks } from "./sent-marks.js";

// A sender waits on add() before its next recipient: the promise must not resolve before the UPDATE
// that records its message has finished, or a kill could repeat more than one message per sender.

it("resolves an acceptance's promise only once the write that records it has finished", async () => {
  const written: number[][] = [];
  let finish: () => void = () => undefined;
  const marks = new SentMarks(
    (ids) =>
      new Promise<void>((resolve) => {
        written.push(ids);
        finish = resolve;
      }),
    32,
    0,
  );
  let recorded = false;
  const first = marks.add(1).then(() => (recorded = true));
  await new Promise((r) => setTimeout(r, 10));
  expect(written).toEqual([[1]]);
  expect(recorded).toBe(false);
  const second = marks.add(2); // arrives while the first write runs: goes in the next
  finish();
  await first;
  expect(recorded).toBe(true);
  await new Promise((r) => setTimeout(r, 10));
  expect(written).toEqual([[1], [2]]);
  finish();
  await second;
  await marks.settle();
});

it("says a write failed, resolves the waiting senders, and settle() throws it", async () => {
  const marks = new SentMarks(() => Promise.reject(new Error("disk full")), 32, 0);
  await marks.add(7);
  expect(marks.failed).toBe(true);
  await expect(marks.settle()).rejects.toThrow("disk full");
});
