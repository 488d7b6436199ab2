import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveError, extractTarGz, writeTarGz } from "./tar.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-tar-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function source(name: string, bytes: Buffer) {
  const file = path.join(dir, "src", name.replace(/\//g, "_"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { name, file, size: bytes.length, mtime: new Date() };
}

describe("tar.gz", () => {
  it("round-trips files of any size and long names, and reads as a standard tar", async () => {
    const long = `media/${"a".repeat(120)}/${"b".repeat(40)}.jpg`;
    const entries = [
      source("empty.txt", Buffer.alloc(0)),
      source("media/exact.bin", Buffer.alloc(1024, 7)),
      source(long, Buffer.from("long name")),
    ];
    const archive = path.join(dir, "a.tar.gz");
    await writeTarGz(archive, entries);
    const out = path.join(dir, "out");
    fs.mkdirSync(out);
    expect(await extractTarGz(archive, out)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(fs.readFileSync(path.join(out, e.name))).toEqual(fs.readFileSync(e.file));
    const listed = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(entries.map((e) => e.name));
  });

  it("refuses a path that leads out of the folder, and a cut-off archive", async () => {
    const evil = path.join(dir, "evil.tar.gz");
    await writeTarGz(evil, [source("../outside.txt", Buffer.from("x"))]);
    const out = path.join(dir, "out-evil");
    fs.mkdirSync(out);
    await expect(extractTarGz(evil, out)).rejects.toThrow(ArchiveError);
    expect(fs.existsSync(path.join(dir, "outside.txt"))).toBe(false);

    const whole = path.join(dir, "whole.tar.gz");
    await writeTarGz(whole, [source("big.bin", randomBytes(200_000))]);
    const cut = path.join(dir, "cut.tar.gz");
    fs.writeFileSync(cut, fs.readFileSync(whole).subarray(0, 100_000));
    const out2 = path.join(dir, "out-cut");
    fs.mkdirSync(out2);
    await expect(extractTarGz(cut, out2)).rejects.toThrow(/incomplete|damaged/);
  });
});
