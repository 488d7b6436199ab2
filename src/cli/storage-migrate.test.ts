import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testConfig } from "../../test/support/databases.js";
import { S3RVER_CREDENTIALS, type TestS3, startS3 } from "../../test/support/s3-server.js";
import type { Config } from "../platform/config.js";
import { copyToBucket } from "../platform/storage/copy-to-bucket.js";
import { PART_SIZE, S3Storage, type S3Settings } from "../platform/storage/s3-storage.js";
import { storageMigrateCommand } from "./storage.cli.js";

// `london-daily storage migrate` against a real S3-protocol server (s3rver).

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => s3?.close());

describe("storage migrate", () => {
  let dataDir: string;
  let settings: S3Settings;
  let config: Config;
  let bucket: S3Storage;
  const media = (key: string) => path.join(dataDir, "media", key);
  const put = (key: string, data: Buffer | string) => {
    fs.mkdirSync(path.dirname(media(key)), { recursive: true });
    fs.writeFileSync(media(key), data);
  };
  const readAll = async (key: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of bucket.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const run = async (c: Config = config) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const progress: number[] = [];
    const code = await storageMigrateCommand(c, (l) => lines.push(l), {
      fail: (l) => errors.push(l),
      progress: (done, total) => progress.push(total === 0 ? 1 : done / total),
    });
    return { code, lines, errors, progress };
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-storage-migrate-"));
    settings = await s3.bucket("migrate");
    config = { ...testConfig(), dataDir, storage: { kind: "s3", ...settings } };
    bucket = new S3Storage(settings);
    return () => {
      bucket.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  });

  const big = Buffer.alloc(PART_SIZE + 4321);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;

  it("copies every file with progress, resumes where an interrupted copy stopped, and re-copies changed files", async () => {
    put("images/2026/11/a.jpg", "jpeg bytes");
    put("images/2026/11/a-320.webp", "webp bytes");
    put("video/demo/clip.mp4", big);
    put("video/demo/clip.en.vtt", "WEBVTT\n");
    put("images/2026/11/b.jpg.1a2b3c.part", "half a write");
    put("images/odd name.jpg", "x");

    // An interrupted first run: the store fails part of the way (as a dropped connection would).
    const flaky = new S3Storage(settings);
    const write = flaky.write.bind(flaky);
    let writes = 0;
    flaky.write = (key, data, options) => {
      if (++writes > 2) return Promise.reject(new Error("socket hang up"));
      return write(key, data, options);
    };
    const first = await copyToBucket(path.join(dataDir, "media"), flaky, undefined, 1);
    flaky.close();
    expect(first).toMatchObject({ copied: 2, failed: 2, ignored: 1 });
    expect(first.problems).toContain("images/odd name.jpg: not a storage key (odd characters), left on disk");

    const second = await run();
    expect([second.code, second.errors]).toEqual([
      0,
      ["  images/odd name.jpg: not a storage key (odd characters), left on disk"],
    ]);
    expect(second.lines).toContain("Copied 2 files (8.0 MB); 2 already in the bucket; 0 failed; 1 ignored.");
    expect(second.progress.at(-1)).toBe(1);
    expect(second.progress.length).toBeGreaterThan(2);
    expect((await readAll("video/demo/clip.mp4")).equals(big)).toBe(true);
    expect((await readAll("images/2026/11/a.jpg")).toString()).toBe("jpeg bytes");
    expect(await bucket.stat("images/2026/11/b.jpg.1a2b3c.part")).toBeUndefined();

    // Everything there: nothing is copied again, the large multipart object included.
    const third = await run();
    expect(third.lines).toContain("Copied 0 files (0.0 MB); 4 already in the bucket; 0 failed; 1 ignored.");

    // A file changed on disk (same size, other bytes) is copied again.
    put("images/2026/11/a.jpg", "JPEG BYTES");
    const fourth = await run();
    expect(fourth.lines).toContain("Copied 1 files (0.0 MB); 3 already in the bucket; 0 failed; 1 ignored.");
    expect((await readAll("images/2026/11/a.jpg")).toString()).toBe("JPEG BYTES");
    expect(fs.readFileSync(media("images/2026/11/a.jpg"), "utf8")).toBe("JPEG BYTES");
  });

  it("stops at once with the setting to fix when the bucket or the credentials are wrong", async () => {
    put("images/a.jpg", "x");
    const wrongBucket = await run({ ...config, storage: { kind: "s3", ...settings, bucket: "not-this-one" } });
    expect(wrongBucket.code).toBe(1);
    expect(wrongBucket.errors).toEqual([`S3_BUCKET: the bucket "not-this-one" does not exist at ${settings.endpoint}`]);
    const wrongKey = await run({
      ...config,
      storage: { kind: "s3", ...settings, credentials: { ...S3RVER_CREDENTIALS, accessKeyId: "NOT-A-KEY" } },
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.errors[0]).toMatch(/^AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY: the store at .* refused/);
    const local = await run({ ...config, storage: { kind: "local" } });
    expect(local.code).toBe(1);
    expect(local.errors[0]).toMatch(/set S3_BUCKET/);
  });

  it("runs as `london-daily storage migrate` with the settings and keys from the environment", async () => {
    put("images/2026/12/c.jpg", "c bytes");
    put("video/demo/clip.mp4", big);
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      S3_BUCKET: settings.bucket,
      S3_ENDPOINT: settings.endpoint!,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    };
    const cli = (args: string[], extra: Record<string, string> = {}) =>
      promisify(execFile)(process.execPath, ["bin/london-daily.js", ...args], {
        env: { ...env, ...extra },
        timeout: 60_000,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const done = await cli(["storage", "migrate"]);
    expect(done.stderr).toMatch(/Copying media: 100%/);
    expect(done).toMatchObject({ code: 0 });
    expect(done.stdout).toMatch(/Copied 2 files \(8\.0 MB\); 0 already in the bucket; 0 failed; 0 ignored\./);
    expect((await readAll("video/demo/clip.mp4")).equals(big)).toBe(true);

    const half = await cli(["storage", "migrate"], { S3_BUCKET: "", AWS_SECRET_ACCESS_KEY: "" });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/S3_ENDPOINT is set but S3_BUCKET is not/);
    expect(half.stderr).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together/);

    const backup = await cli(["backup", path.join(dataDir, "b.tar.gz")]);
    expect(backup.stdout).toMatch(/Media are kept in the bucket .* \(S3_BUCKET\), which this archive does not hold/);
  }, 60_000);
});
