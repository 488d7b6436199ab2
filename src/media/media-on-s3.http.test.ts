import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type TestS3, startS3 } from "../../test/support/s3-server.js";
import { type TestVideos, hasFfmpeg, makeTestVideos } from "../../test/support/test-videos.js";
import { buildApp } from "../app.js";
import { JOBS, jobHandlers } from "../jobs.js";
import type { Config } from "../platform/config.js";
import { JobRunner } from "../platform/jobs/job-runner.js";
import { createMailer } from "../platform/mail/mailer.js";
import { S3Storage } from "../platform/storage/s3-storage.js";
import type { VideoItem } from "../videos/video-admin.js";
import type { MediaItem } from "./media-item.js";
import { multipartBody, twoTone } from "./media-test-files.js";

// The site with its media in a bucket (a real S3-protocol server, s3rver): uploads write the
// original and its variants there, /media/ streams them back with the disk's ETag, 304 and Range
// behaviour, a focal-point edit re-cuts crops from the original in the bucket, and videos are
// joined, probed and processed from it. Nothing is written under DATA_DIR/media.

const readAll = async (storage: S3Storage, key: string) => {
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const keyOf = (url: string) => url.replace(/^\/media\//, "");

let s3: TestS3;
let videos: TestVideos | undefined;
beforeAll(async () => {
  s3 = await startS3();
  if (hasFfmpeg) videos = makeTestVideos();
}, 60_000);
afterAll(async () => {
  videos?.remove();
  await s3?.close();
});

describeEachDatabase("media and video on S3-compatible storage", (get) => {
  let app: FastifyInstance;
  let dataDir: string;
  let config: Config;
  let bucket: S3Storage;
  let writer: SignedIn;
  let editor: SignedIn;

  beforeAll(async () => {
    const settings = await s3.bucket(`site-${get().dialect}`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-s3-site-"));
    config = { ...get().config, dataDir, storage: { kind: "s3", ...settings } };
    bucket = new S3Storage(settings);
    app = await buildApp({ config, db: get().handle.db, logger: false });
    writer = await signedIn(get().handle.db, "writer");
    editor = await signedIn(get().handle.db, "editor");
  });
  afterAll(async () => {
    await app?.close();
    bucket?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (data: Buffer) => {
    const { payload, contentType } = multipartBody([
      { name: "alt", value: "A test card" },
      { name: "file", filename: "card.jpg", type: "image/jpeg", data },
    ]);
    const res = await app.inject({
      method: "POST",
      url: "/api/newsroom/media",
      headers: { ...writer.headers, "content-type": contentType },
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json<MediaItem>();
  };

  it("stores the original, its variants and crops in the bucket and serves them with ETag, 304 and Range", async () => {
    const item = await upload(await twoTone(800, 600).jpeg().toBuffer());
    expect(item.url).toMatch(/^\/media\/images\/\d{4}\/\d{2}\/[0-9a-f]{16}\.jpg$/);
    for (const url of [item.url, item.thumbUrl, item.socialUrl, ...item.variants.map((v) => v.url)]) {
      expect(await bucket.stat(keyOf(url)), url).toBeDefined();
    }
    for (const v of item.variants) {
      const meta = await sharp(await readAll(bucket, keyOf(v.url))).metadata();
      expect(meta.width).toBe(v.width);
    }
    expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);

    const original = await readAll(bucket, keyOf(item.url));
    expect(item.bytes).toBe(original.length);
    const full = await app.inject({ url: item.url });
    expect(full.statusCode).toBe(200);
    expect(full.headers["content-type"]).toBe("image/jpeg");
    expect(full.headers["content-length"]).toBe(String(original.length));
    expect(full.headers["cache-control"]).toBe("public, max-age=2592000");
    expect(full.headers["accept-ranges"]).toBe("bytes");
    expect(full.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(full.rawPayload.equals(original)).toBe(true);
    const etag = String(full.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const cached = await app.inject({ url: item.url, headers: { "if-none-match": `"other", ${etag}` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);
    expect(cached.headers.etag).toBe(etag);
    const since = await app.inject({
      url: item.url,
      headers: { "if-modified-since": String(full.headers["last-modified"]) },
    });
    expect(since.statusCode).toBe(304);
    expect((await app.inject({ url: item.url, headers: { "if-none-match": '"stale"' } })).statusCode).toBe(200);

    const head = await app.inject({ method: "HEAD", url: item.url });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-length"]).toBe(String(original.length));
    expect(head.rawPayload.length).toBe(0);

    const part = await app.inject({ url: item.url, headers: { range: "bytes=100-1123" } });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 100-1123/${original.length}`);
    expect(part.headers["content-length"]).toBe("1024");
    expect(part.rawPayload.equals(original.subarray(100, 1124))).toBe(true);
    const first = await app.inject({ url: item.url, headers: { range: "bytes=0-0" } });
    expect(first.rawPayload.equals(original.subarray(0, 1))).toBe(true);
    const tail = await app.inject({ url: item.url, headers: { range: "bytes=-500" } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(original.subarray(original.length - 500))).toBe(true);
    const same = await app.inject({ url: item.url, headers: { range: "bytes=0-9", "if-range": etag } });
    expect(same.statusCode).toBe(206);
    const changed = await app.inject({ url: item.url, headers: { range: "bytes=0-9", "if-range": '"stale"' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.length).toBe(original.length);
    const beyond = await app.inject({ url: item.url, headers: { range: `bytes=${original.length + 10}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${original.length}`);

    const webp = await app.inject({ url: item.variants.find((v) => v.format === "webp")!.url });
    expect(webp.headers["content-type"]).toBe("image/webp");
    expect((await app.inject({ url: "/media/images/none.jpg" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/media/images/.hidden" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/media/images/a%20b.jpg" })).statusCode).toBe(404);
  });

  it("re-cuts the crops from the original in the bucket when the focal point moves", async () => {
    const item = await upload(await twoTone(1000, 500).jpeg().toBuffer());
    const res = await app.inject({
      method: "PATCH",
      url: `/api/newsroom/media/${item.id}`,
      headers: editor.headers,
      payload: { focalX: 0.1, focalY: 0.5 },
    });
    expect(res.statusCode).toBe(200);
    const moved = res.json<MediaItem>();
    expect(moved.thumbUrl).not.toBe(item.thumbUrl);
    const thumb = await sharp(await readAll(bucket, keyOf(moved.thumbUrl))).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(["webp", 320, 320]);
    expect((await app.inject({ url: moved.socialUrl })).statusCode).toBe(200);
  });

  (hasFfmpeg ? it : it.skip)(
    "joins a chunked video upload in the bucket, processes it from there and serves the MP4 by range",
    async () => {
      const whole = fs.readFileSync(videos!.webm);
      const api = "/api/newsroom/videos";
      const created = await app.inject({
        method: "POST",
        url: `${api}/uploads`,
        headers: editor.headers,
        payload: { filename: "clip.webm", title: "Ferry at dusk", totalBytes: whole.length },
      });
      const { id } = created.json<{ id: string }>();
      const half = Math.floor(whole.length / 2);
      const put = (first: number, last: number) =>
        app.inject({
          method: "PUT",
          url: `${api}/uploads/${id}`,
          headers: {
            ...editor.headers,
            "content-type": "application/octet-stream",
            "content-range": `bytes ${first}-${last}/${whole.length}`,
          },
          payload: whole.subarray(first, last + 1),
        });
      expect((await put(0, half - 1)).statusCode).toBe(200);
      const done = await put(half, whole.length - 1);
      expect(done.statusCode).toBe(201);
      const uploaded = done.json<{ video: VideoItem }>().video;
      expect(uploaded).toMatchObject({ status: "uploaded", width: 320, height: 180 });
      // The chunks are gone; the joined source is the upload, byte for byte.
      const leftovers: string[] = [];
      for await (const page of bucket.pages("video-uploads/")) leftovers.push(...page.map((o) => o.key));
      expect(leftovers).toEqual([]);
      expect((await readAll(bucket, keyOf(uploaded.src))).equals(whole)).toBe(true);

      const db = get().handle.db;
      const handlers = await jobHandlers({ db, config, mailer: createMailer(config), now: () => new Date() });
      const runner = new JobRunner({ db, handlers: { [JOBS.processVideo]: handlers[JOBS.processVideo] }, pollMs: 50 });
      await runner.tick();
      await runner.idle();
      const video = (await app.inject({ url: `${api}/${uploaded.id}`, headers: editor.headers })).json<VideoItem>();
      expect(video).toMatchObject({ status: "ready", error: null });
      const mp4 = await readAll(bucket, keyOf(video.renditions.mp4!));
      const head = mp4.toString("latin1");
      expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat"));
      const part = await app.inject({ url: video.src, headers: { range: "bytes=100-1123" } });
      expect(part.statusCode).toBe(206);
      expect(part.headers["content-type"]).toBe("video/mp4");
      expect(part.rawPayload.equals(mp4.subarray(100, 1124))).toBe(true);
      const master = await app.inject({ url: video.renditions.hls! });
      expect(master.headers["content-type"]).toBe("application/vnd.apple.mpegurl");
      expect(master.body).toMatch(/^#EXTM3U/);
      const poster = await app.inject({ url: video.posterUrl! });
      expect(poster.rawPayload.subarray(0, 2).toString("hex")).toBe("ffd8");
      expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);
    },
    90_000,
  );
});

describe("MEDIA_PUBLIC_URL", () => {
  it("links media at the public bucket or CDN and lets pages load them there", async () => {
    const { openDatabase } = await import("../database.js");
    const { testConfig } = await import("../../test/support/databases.js");
    const { migrateToLatest } = await import("../platform/migrations/migrate.js");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-public-media-"));
    const settings = await s3.bucket("public");
    const config: Config = {
      ...testConfig(),
      dataDir,
      storage: { kind: "s3", ...settings },
      mediaPublicUrl: "https://media.example.test/news",
    };
    const handle = openDatabase(config);
    await migrateToLatest(handle.db, handle.dialect);
    const app = await buildApp({ config, db: handle.db, logger: false });
    try {
      const writer = await signedIn(handle.db, "writer");
      const { payload, contentType } = multipartBody([
        { name: "alt", value: "A card" },
        { name: "file", filename: "c.png", type: "image/png", data: await twoTone(400, 300).png().toBuffer() },
      ]);
      const res = await app.inject({
        method: "POST",
        url: "/api/newsroom/media",
        headers: { ...writer.headers, "content-type": contentType },
        payload,
      });
      const item = res.json<MediaItem>();
      expect(item.url).toMatch(/^https:\/\/media\.example\.test\/news\/images\/\d{4}\/\d{2}\/[0-9a-f]{16}\.png$/);
      expect(item.variants.every((v) => v.url.startsWith("https://media.example.test/news/images/"))).toBe(true);
      // The same object is still served through the site, for a CDN that pulls from it.
      const key = item.url.slice("https://media.example.test/news/".length);
      expect((await app.inject({ url: `/media/${key}` })).statusCode).toBe(200);
      const csp = String((await app.inject({ url: "/" })).headers["content-security-policy"]);
      expect(csp).toMatch(/img-src 'self' data: https:\/\/media\.example\.test/);
      expect(csp).toMatch(/media-src 'self' https:\/\/media\.example\.test/);
    } finally {
      await app.close();
      await handle.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
