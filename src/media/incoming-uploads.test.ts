import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { IncomingUploads } from "./incoming-uploads.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-incoming-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it("sweeps uploads abandoned for more than an hour, and leaves fresh ones", async () => {
  const now = new Date("2026-11-29T12:00:00Z");
  fs.writeFileSync(path.join(dir, "old.upload"), "x");
  fs.writeFileSync(path.join(dir, "old.upload.abc.part"), "x");
  fs.writeFileSync(path.join(dir, "fresh.upload"), "x");
  const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);
  fs.utimesSync(path.join(dir, "old.upload"), twoHoursAgo, twoHoursAgo);
  fs.utimesSync(path.join(dir, "old.upload.abc.part"), twoHoursAgo, twoHoursAgo);
  fs.utimesSync(path.join(dir, "fresh.upload"), now, now);
  expect(await new IncomingUploads(dir).sweep(now)).toBe(2);
  expect(fs.readdirSync(dir)).toEqual(["fresh.upload"]);
  expect(await new IncomingUploads(path.join(dir, "never-made")).sweep(now)).toBe(0);
});
