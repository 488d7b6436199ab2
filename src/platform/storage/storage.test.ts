import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiskStorage, TooLargeError, checkKey } from "./storage.js";

let root: string;
let storage: LocalDiskStorage;
const everyFile = () =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
const read = async (key: string, range?: { start: number; end: number }) => {
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-storage-"));
  storage = new LocalDiskStorage(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("LocalDiskStorage", () => {
  it("writes buffers and streams under their keys, and reads them whole or by range", async () => {
    expect(await storage.write("images/2026/a.txt", Buffer.from("hello world"))).toEqual({ bytes: 11 });
    expect(await storage.write("images/b.txt", Readable.from([Buffer.from("abc"), Buffer.from("def")]))).toEqual({
      bytes: 6,
    });
    expect(await read("images/2026/a.txt")).toBe("hello world");
    expect(await read("images/2026/a.txt", { start: 6, end: 10 })).toBe("world");
    expect((await storage.stat("images/b.txt"))?.size).toBe(6);
    expect(await storage.stat("images/none.txt")).toBeUndefined();
    expect(storage.localPath("images/b.txt")).toBe(path.join(root, "images/b.txt"));
  });

  it("replaces a file only when the new one is complete: a failing stream leaves the old file and no part file", async () => {
    await storage.write("doc.txt", Buffer.from("first version"));
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from("half of the se");
        throw new Error("connection reset");
      })(),
    );
    await expect(storage.write("doc.txt", failing)).rejects.toThrow("connection reset");
    expect(await read("doc.txt")).toBe("first version");
    expect(everyFile()).toEqual(["doc.txt"]);
  });

  it("stops a stream past maxBytes and keeps nothing", async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(1024, 1));
    await expect(storage.write("big.bin", Readable.from(chunks), { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(
      TooLargeError,
    );
    await expect(storage.write("big2.bin", Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(TooLargeError);
    expect(await storage.write("exact.bin", Buffer.alloc(10), { maxBytes: 10 })).toEqual({ bytes: 10 });
    expect(everyFile()).toEqual(["exact.bin"]);
  });

  it("removes a key and a prefix", async () => {
    await storage.write("videos/12/a.mp4", Buffer.from("a"));
    await storage.write("videos/12/b.vtt", Buffer.from("b"));
    await storage.write("videos/13/a.mp4", Buffer.from("c"));
    await storage.remove("videos/13/a.mp4");
    await storage.remove("videos/13/never-there.mp4");
    await storage.removePrefix("videos/12/");
    expect(everyFile()).toEqual([]);
  });
});

describe("checkKey", () => {
  it("accepts relative paths of safe segments", () => {
    for (const key of ["a", "images/2026/11/x-640.webp", "video/12/v.en.vtt", "A_b-c.1"])
      expect(checkKey(key)).toBe(key);
  });

  it("refuses traversal, absolute paths, empty segments and odd characters", () => {
    for (const key of [
      "",
      "../etc/passwd",
      "a/../../b",
      "/etc/passwd",
      "a//b",
      "a/",
      ".hidden",
      "a/.b",
      "a b",
      "a\\b",
      "é.jpg",
      "a/..",
      "C:/x",
      "a\0b",
    ]) {
      expect(() => checkKey(key), JSON.stringify(key)).toThrow(/Invalid storage key/);
    }
    expect(() => storage.localPath("../outside")).toThrow();
  });
});
