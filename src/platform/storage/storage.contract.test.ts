import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, type TestS3, startS3 } from "../../../test/support/s3-server.js";
import { StartupError } from "../startup.js";
import { checkStorageAtStartup } from "./create-storage.js";
import { describeS3Error } from "./s3-errors.js";
import { PART_SIZE, S3Storage } from "./s3-storage.js";
import { LocalDiskStorage, type Storage, TooLargeError } from "./storage.js";

// The Storage contract, run against the local disk and against a real S3-protocol server (s3rver):
// every caller (uploads, image variants, video processing, /media/) relies on these and no more.

interface Subject {
  storage: Storage;
  /** Every key stored, sorted: to prove nothing half-written or temporary is left. */
  keys(): Promise<string[]>;
}

const read = async (storage: Storage, key: string, range?: { start: number; end: number }) => {
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const text = async (storage: Storage, key: string, range?: { start: number; end: number }) =>
  (await read(storage, key, range)).toString();
const failingStream = () =>
  Readable.from(
    (async function* () {
      yield Buffer.from("half of the se");
      throw new Error("connection reset");
    })(),
  );

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => s3?.close());

const subjects: [string, () => Promise<Subject & { done(): void }>][] = [
  [
    "LocalDiskStorage",
    async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-contract-"));
      return {
        storage: new LocalDiskStorage(root),
        keys: async () =>
          (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
            .filter((d) => d.isFile())
            .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
            .sort(),
        done: () => fs.rmSync(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    "S3Storage",
    async () => {
      const storage = new S3Storage(await s3.bucket("contract"));
      return {
        storage,
        keys: async () => {
          const all: string[] = [];
          for await (const page of storage.pages()) all.push(...page.map((o) => o.key));
          return all.sort();
        },
        done: () => storage.close(),
      };
    },
  ],
];

describe.each(subjects)("%s keeps the Storage contract", (name, make) => {
  let subject: Subject & { done(): void };
  let storage: Storage;
  beforeEach(async () => {
    subject = await make();
    storage = subject.storage;
    return () => subject.done();
  });

  it("writes buffers and streams under their keys, and reads them whole or by range", async () => {
    expect(await storage.write("images/2026/a.txt", Buffer.from("hello world"))).toEqual({ bytes: 11 });
    expect(await storage.write("images/b.txt", Readable.from([Buffer.from("abc"), Buffer.from("def")]))).toEqual({
      bytes: 6,
    });
    expect(await text(storage, "images/2026/a.txt")).toBe("hello world");
    expect(await text(storage, "images/2026/a.txt", { start: 6, end: 10 })).toBe("world");
    expect(await text(storage, "images/2026/a.txt", { start: 0, end: 0 })).toBe("h");
    const stat = await storage.stat("images/b.txt");
    expect(stat?.size).toBe(6);
    expect(stat?.modifiedAt).toBeInstanceOf(Date);
    expect(await storage.stat("images/none.txt")).toBeUndefined();
    expect(await subject.keys()).toEqual(["images/2026/a.txt", "images/b.txt"]);
  });

  it("overwrites a key with the new content", async () => {
    await storage.write("doc.txt", Buffer.from("first version"));
    await storage.write("doc.txt", Readable.from([Buffer.from("second")]));
    expect(await text(storage, "doc.txt")).toBe("second");
    expect((await storage.stat("doc.txt"))?.size).toBe(6);
  });

  it("replaces a file only when the new one is complete: a failing stream leaves the old file and nothing else", async () => {
    await storage.write("doc.txt", Buffer.from("first version"));
    await expect(storage.write("doc.txt", failingStream())).rejects.toThrow("connection reset");
    await expect(storage.write("new.txt", failingStream())).rejects.toThrow("connection reset");
    expect(await text(storage, "doc.txt")).toBe("first version");
    expect(await subject.keys()).toEqual(["doc.txt"]);
  });

  it("stops a stream past maxBytes and keeps nothing", async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(1024, 1));
    await expect(storage.write("big.bin", Readable.from(chunks), { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(
      TooLargeError,
    );
    await expect(storage.write("big2.bin", Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(TooLargeError);
    expect(await storage.write("exact.bin", Buffer.alloc(10), { maxBytes: 10 })).toEqual({ bytes: 10 });
    expect(await subject.keys()).toEqual(["exact.bin"]);
  });

  it("removes a key and a prefix, and removing what is not there is no error", async () => {
    await storage.write("videos/12/a.mp4", Buffer.from("a"));
    await storage.write("videos/12/hls/b.ts", Buffer.from("b"));
    await storage.write("videos/13/a.mp4", Buffer.from("c"));
    await storage.write("videos/120/a.mp4", Buffer.from("d"));
    await storage.remove("videos/13/a.mp4");
    await storage.remove("videos/13/never-there.mp4");
    await storage.removePrefix("videos/12/");
    await storage.removePrefix("videos/99/");
    expect(await subject.keys()).toEqual(["videos/120/a.mp4"]);
  });

  it("fails a read of a missing key with ENOENT, and refuses unsafe keys", async () => {
    await expect(read(storage, "nothing/here.jpg")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(storage.write("../outside.txt", Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
    await expect(storage.stat("a//b")).rejects.toThrow(/Invalid storage key/);
  });

  it("streams a file of several upload parts in and out, byte for byte, across part boundaries", async () => {
    const size = 2 * PART_SIZE + 123_457;
    const data = Buffer.alloc(size);
    for (let i = 0; i + 4 <= size; i += 4) data.writeUInt32LE(i, i);
    const pieces = Array.from({ length: Math.ceil(size / 1_000_000) }, (_, i) =>
      data.subarray(i * 1_000_000, (i + 1) * 1_000_000),
    );
    expect(await storage.write("videos/1/web.mp4", Readable.from(pieces))).toEqual({ bytes: size });
    expect((await storage.stat("videos/1/web.mp4"))?.size).toBe(size);
    const whole = await read(storage, "videos/1/web.mp4");
    expect(createHash("sha256").update(whole).digest("hex")).toBe(createHash("sha256").update(data).digest("hex"));
    const across = { start: PART_SIZE - 10, end: PART_SIZE + 9 };
    expect((await read(storage, "videos/1/web.mp4", across)).equals(data.subarray(across.start, across.end + 1))).toBe(
      true,
    );
  });

  it("lets a reader stop early (a player seeking away) without holding the file open", async () => {
    await storage.write("v.bin", Buffer.alloc(3 * 1024 * 1024, 2));
    const stream = storage.read("v.bin");
    for await (const chunk of stream) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    expect(stream.destroyed).toBe(true);
    expect(await text(storage, "v.bin", { start: 0, end: 1 })).toBe("\u0002\u0002");
  });

  if (name === "S3Storage") {
    // s3rver does not list multipart uploads (ListMultipartUploads is not implemented), so the abort
    // of the failed one is seen only as the missing object here.
    it("gives the object's ETag and media type, and a failed multipart upload leaves no object", async () => {
      await storage.write("images/x.webp", Buffer.from("webp bytes"));
      expect(await storage.stat("images/x.webp")).toMatchObject({
        etag: `"${createHash("md5").update("webp bytes").digest("hex")}"`,
        contentType: "image/webp",
      });
      const big = Readable.from(
        (async function* () {
          yield Buffer.alloc(PART_SIZE + 1, 3);
          throw new Error("client went away");
        })(),
      );
      await expect(storage.write("videos/2/web.mp4", big)).rejects.toThrow("client went away");
      expect(await storage.stat("videos/2/web.mp4")).toBeUndefined();
    });
  }
});

describe("S3Storage.check", () => {
  it("passes for a bucket it can use and names the wrong setting otherwise", async () => {
    const good = await s3.bucket("check");
    const storages = [
      new S3Storage(good),
      new S3Storage({ ...good, bucket: "no-such-bucket" }),
      new S3Storage({ ...good, credentials: { ...S3RVER_CREDENTIALS, accessKeyId: "WRONG" } }),
      new S3Storage({ ...good, endpoint: "http://127.0.0.1:9" }),
    ];
    try {
      await expect(storages[0]!.check()).resolves.toBeUndefined();
      await expect(storages[1]!.check()).rejects.toThrow(
        /^S3_BUCKET: the bucket "no-such-bucket" does not exist at http/,
      );
      await expect(storages[2]!.check()).rejects.toThrow(/^AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY: .*refused/);
      await expect(storages[3]!.check()).rejects.toThrow(
        /^S3_ENDPOINT: the store at http:\/\/127.0.0.1:9 could not be reached/,
      );
    } finally {
      for (const s of storages) s.close();
    }
  });

  it("stops the start-up for a wrong bucket, and only reports a store that cannot be reached", async () => {
    const good = await s3.bucket("startup");
    await expect(checkStorageAtStartup({ storage: { kind: "local" } })).resolves.toBeUndefined();
    await expect(checkStorageAtStartup({ storage: { kind: "s3", ...good } })).resolves.toBeUndefined();
    const wrong = checkStorageAtStartup({ storage: { kind: "s3", ...good, bucket: "missing-bucket" } });
    await expect(wrong).rejects.toBeInstanceOf(StartupError);
    await expect(wrong).rejects.toThrow(/^S3_BUCKET: the bucket "missing-bucket" does not exist/);
    await expect(
      checkStorageAtStartup({ storage: { kind: "s3", ...good, endpoint: "http://127.0.0.1:9" } }),
    ).resolves.toMatch(/^S3_ENDPOINT: .* could not be reached/);
  });

  it("explains AWS's own refusals", () => {
    const settings = { bucket: "news-media", region: "eu-west-2" };
    const failure = (name: string, status: number) =>
      Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    expect(describeS3Error(failure("AccessDenied", 403), settings)).toMatch(/^S3_BUCKET: access .* denied/);
    expect(describeS3Error(failure("PermanentRedirect", 301), settings)).toBe(
      'S3_REGION: the bucket "news-media" is not in eu-west-2',
    );
    expect(describeS3Error(failure("SignatureDoesNotMatch", 403), settings)).toMatch(/^AWS_ACCESS_KEY_ID/);
  });
});
