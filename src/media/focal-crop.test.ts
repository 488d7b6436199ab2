import { describe, expect, it } from "vitest";
import { clampFocal, cropOutputSize, focalRegion } from "./focal-crop.js";

const square = { width: 320, height: 320 };
const social = { width: 1200, height: 630 };

describe("focalRegion", () => {
  it("cuts the largest region of the target's shape, centred on the focal point", () => {
    expect(focalRegion(2000, 1000, { x: 0.5, y: 0.5 }, square)).toEqual({
      left: 500,
      top: 0,
      width: 1000,
      height: 1000,
    });
    expect(focalRegion(2000, 1000, { x: 0.3, y: 0.5 }, square)).toEqual({
      left: 100,
      top: 0,
      width: 1000,
      height: 1000,
    });
  });

  it("stops at the edges when the point is near one", () => {
    expect(focalRegion(2000, 1000, { x: 0, y: 0.5 }, square).left).toBe(0);
    expect(focalRegion(2000, 1000, { x: 1, y: 0.5 }, square).left).toBe(1000);
    const tall = focalRegion(1000, 3000, { x: 0.5, y: 0.95 }, social);
    expect(tall).toEqual({ left: 0, top: 2475, width: 1000, height: 525 });
    expect(tall.top + tall.height).toBe(3000);
  });

  it("stays inside the image for every focal point and shape", () => {
    for (const [w, h] of [
      [1, 1],
      [7, 3000],
      [4000, 9],
      [1200, 630],
      [999, 1001],
    ] as const) {
      for (const x of [0, 0.2, 0.5, 0.77, 1]) {
        for (const target of [square, social]) {
          const r = focalRegion(w, h, { x, y: 1 - x }, target);
          expect(r.left).toBeGreaterThanOrEqual(0);
          expect(r.top).toBeGreaterThanOrEqual(0);
          expect(r.left + r.width).toBeLessThanOrEqual(w);
          expect(r.top + r.height).toBeLessThanOrEqual(h);
          expect(r.width).toBeGreaterThan(0);
          expect(r.height).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("cropOutputSize and clampFocal", () => {
  it("never enlarges a small region, and keeps the target's shape", () => {
    expect(cropOutputSize({ left: 0, top: 0, width: 2400, height: 1260 }, social)).toEqual(social);
    expect(cropOutputSize({ left: 0, top: 0, width: 800, height: 420 }, social)).toEqual({ width: 800, height: 420 });
  });

  it("reads anything outside 0..1 as the nearest edge, and nonsense as the middle", () => {
    expect([clampFocal(-1), clampFocal(0.25), clampFocal(3), clampFocal(Number.NaN)]).toEqual([0, 0.25, 1, 0.5]);
  });
});
