import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type TestVideos, describeWithFfmpeg, makeTestVideos } from "../../test/support/test-videos.js";
import { type TestS3, startS3 } from "../../test/support/s3-server.js";
import { STORAGE_KINDS, type TestStorage, testStorage } from "../../test/support/test-storage.js";
import { buildApp } from "../app.js";
import { JOBS, jobHandlers } from "../jobs.js";
import { createMailer } from "../platform/mail/mailer.js";
import { JobRunner } from "../platform/jobs/job-runner.js";
import { probe } from "./processing/video-tools.js";
import type { VideoItem } from "./video-admin.js";

const API = "/api/newsroom/videos";
const tools = { ffmpegPath: "ffmpeg", ffprobePath: "ffprobe" };
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describeWithFfmpeg("video upload, processing and captions", () => {
  let videos: TestVideos;
  let s3: TestS3;
  beforeAll(async () => {
    videos = makeTestVideos();
    s3 = await startS3();
  }, 60_000);
  afterAll(async () => {
    videos.remove();
    await s3?.close();
  });

  // Against the local disk and against a bucket on a real S3-protocol server (docs/adr/024).
  describe.each(STORAGE_KINDS)("on %s storage", (kind) => {
    describeEachDatabase("newsroom video API", (get) => {
      let app: FastifyInstance;
      let mediaDir: string;
      let stored: TestStorage;
      let editor: SignedIn;
      let contributor: SignedIn;
      let runner: JobRunner;

      beforeAll(async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-video-media-"));
        mediaDir = path.join(dataDir, "media");
        stored = await testStorage(kind, dataDir, s3, `video-${get().dialect}`);
        const config = { ...get().config, dataDir, storage: stored.settings };
        const db = get().handle.db;
        app = await buildApp({ config, db, logger: false });
        editor = await signedIn(db, "editor");
        contributor = await signedIn(db, "contributor");
        const handlers = await jobHandlers({ db, config, mailer: createMailer(config), now: () => new Date() });
        runner = new JobRunner({ db, handlers: { [JOBS.processVideo]: handlers[JOBS.processVideo] }, pollMs: 50 });
      });
      afterAll(async () => {
        await app?.close();
        stored?.close();
        fs.rmSync(path.dirname(mediaDir), { recursive: true, force: true });
      });

      const runJobs = async () => {
        await runner.tick();
        await runner.idle();
      };

      async function uploadWhole(file: string, who = editor) {
        const created = await app.inject({
          method: "POST",
          url: `${API}/uploads`,
          headers: who.headers,
          payload: { filename: path.basename(file), title: "Tower Bridge opens" },
        });
        expect(created.statusCode).toBe(201);
        const { id } = created.json<{ id: string }>();
        return app.inject({
          method: "PUT",
          url: `${API}/uploads/${id}`,
          headers: { ...who.headers, "content-type": "application/octet-stream" },
          payload: fs.readFileSync(file),
        });
      }

      it("says what the machine can do", async () => {
        const res = await app.inject({ url: `${API}/capabilities`, headers: { cookie: contributor.cookie } });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          ffmpeg: true,
          ffprobe: true,
          formats: ["mp4", "webm", "mov"],
          unavailable: [],
        });
        expect((await app.inject({ url: `${API}/capabilities` })).statusCode).toBe(401);
      });

      it("takes an MP4 in one request and processes it into faststart MP4, HLS and a poster", async () => {
        const res = await uploadWhole(videos.mp4);
        expect(res.statusCode).toBe(201);
        const uploaded = res.json<{ video: VideoItem }>().video;
        expect(uploaded).toMatchObject({ status: "uploaded", published: false, width: 640, height: 360 });
        expect(uploaded.durationSeconds).toBeCloseTo(2, 1);

        await runJobs();
        const video = (await app.inject({ url: `${API}/${uploaded.id}`, headers: editor.headers })).json<VideoItem>();
        expect(video).toMatchObject({ status: "ready", progress: 100, error: null });
        expect(video.renditions.hlsHeights).toEqual([360]); // a 360p source is not upscaled to 720p
        expect(video.src).toBe(video.renditions.mp4);

        const info = await stored.file(video.renditions.mp4!, (mp4) => probe(tools, mp4));
        expect(info.durationSeconds).toBeCloseTo(2, 1);
        expect(info.video).toEqual({ codec: "h264", width: 640, height: 360 });
        // Faststart: the index (moov) comes before the media data (mdat).
        const head = (await stored.bytes(video.renditions.mp4!)).toString("latin1");
        expect(head.indexOf("moov")).toBeGreaterThan(0);
        expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat"));

        const master = await app.inject({ url: video.renditions.hls! });
        expect(master.statusCode).toBe(200);
        expect(master.body).toMatch(/^#EXTM3U/);
        expect(master.body).toContain("RESOLUTION=640x360");
        const variant = await app.inject({ url: video.renditions.hls!.replace("master.m3u8", "360p/index.m3u8") });
        expect(variant.body).toContain("#EXT-X-ENDLIST");
        expect(variant.body).toContain("seg-0000.ts");

        const poster = await app.inject({ url: video.posterUrl! });
        expect(poster.statusCode).toBe(200);
        expect(poster.headers["content-type"]).toBe("image/jpeg");
        expect(poster.rawPayload.subarray(0, 2).toString("hex")).toBe("ffd8");

        // Running the job again changes nothing and keeps the files (idempotent).
        const files = await stored.keys(`videos/${video.id}/`);
        await app.inject({
          method: "PATCH",
          url: `${API}/${video.id}`,
          headers: editor.headers,
          payload: { posterTime: 1.5 },
        });
        await runJobs();
        const again = (await app.inject({ url: `${API}/${video.id}`, headers: editor.headers })).json<VideoItem>();
        expect(again).toMatchObject({ status: "ready", posterTime: 1.5, renditions: video.renditions });
        expect(again.posterUrl).toMatch(/poster-1500\.jpg$/);
        const after = await stored.keys(`videos/${video.id}/`);
        expect(after.filter((f) => !String(f).includes("poster")).sort()).toEqual(
          files.filter((f) => !String(f).includes("poster")),
        );
      }, 60_000);

      it("transcodes WebM to H.264/AAC", async () => {
        const res = await uploadWhole(videos.webm);
        expect(res.statusCode).toBe(201);
        const id = res.json<{ video: VideoItem }>().video.id;
        await runJobs();
        const video = (await app.inject({ url: `${API}/${id}`, headers: editor.headers })).json<VideoItem>();
        expect(video.status).toBe("ready");
        expect(video.renditions.hlsHeights).toEqual([180]);
        const info = await stored.file(video.renditions.mp4!, (mp4) => probe(tools, mp4));
        expect(info.video?.codec).toBe("h264");
        expect(info.audio?.codec).toBe("aac");
      }, 60_000);

      it("resumes a chunked upload after a dropped connection", async () => {
        const whole = fs.readFileSync(videos.mp4);
        const created = await app.inject({
          method: "POST",
          url: `${API}/uploads`,
          headers: editor.headers,
          payload: { filename: "clip.mp4", totalBytes: whole.length },
        });
        const { id } = created.json<{ id: string }>();
        const url = `${API}/uploads/${id}`;
        const put = (first: number, last: number, body: Buffer = whole.subarray(first, last + 1)) =>
          app.inject({
            method: "PUT",
            url,
            headers: {
              ...editor.headers,
              "content-type": "application/octet-stream",
              "content-range": `bytes ${first}-${last}/${whole.length}`,
            },
            payload: body,
          });
        const first = await put(0, 9999);
        expect(first.statusCode).toBe(200);
        expect(first.json()).toMatchObject({ received: 10_000, complete: false });

        // A real connection that dies half-way through the second chunk.
        await app.listen({ port: 0, host: "127.0.0.1" });
        const address = app.server.address();
        if (!address || typeof address === "string") throw new Error("no address");
        await new Promise<void>((resolve) => {
          const req = http.request({
            host: "127.0.0.1",
            port: address.port,
            method: "PUT",
            path: url,
            headers: {
              ...editor.headers,
              "content-type": "application/octet-stream",
              "content-range": `bytes 10000-19999/${whole.length}`,
              "content-length": "10000",
            },
          });
          req.on("error", () => resolve());
          req.write(whole.subarray(10_000, 15_000), () => setTimeout(() => (req.destroy(), resolve()), 200));
        });
        await new Promise((r) => setTimeout(r, 200));

        const head = await app.inject({ method: "HEAD", url, headers: { cookie: editor.cookie } });
        expect(head.statusCode).toBe(200);
        expect(head.headers["upload-offset"]).toBe("10000");
        expect(head.headers.range).toBe("bytes=0-9999");

        // A chunk that does not start at the stored offset is refused with the offset to resume from.
        const wrong = await put(20_000, 29_999);
        expect(wrong.statusCode).toBe(409);
        expect(wrong.json()).toMatchObject({ error: { code: "CONFLICT", details: { received: 10_000 } } });
        // A chunk shorter than its Content-Range says is not kept.
        const short = await put(10_000, 19_999, whole.subarray(10_000, 12_000));
        expect(short.statusCode).toBe(400);

        const rest = await put(10_000, whole.length - 1);
        expect(rest.statusCode).toBe(201);
        const video = rest.json<{ video: VideoItem }>().video;
        expect(sha(await stored.bytes(video.src))).toBe(sha(whole));
        expect(await stored.keys(`video-uploads/${id}/`)).toEqual([]);
      }, 30_000);

      it("refuses a text file named .mp4, an empty file and one over the size limit", async () => {
        const text = await uploadWhole(videos.text);
        expect(text.statusCode).toBe(415);
        expect(text.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
        expect(text.json<{ error: { message: string } }>().error.message).toMatch(/not a video/);

        const created = await app.inject({
          method: "POST",
          url: `${API}/uploads`,
          headers: editor.headers,
          payload: { filename: "empty.mp4" },
        });
        const empty = await app.inject({
          method: "PUT",
          url: `${API}/uploads/${created.json<{ id: string }>().id}`,
          headers: { ...editor.headers, "content-type": "application/octet-stream" },
          payload: Buffer.alloc(0),
        });
        expect(empty.statusCode).toBe(400);
        expect(empty.json<{ error: { message: string } }>().error.message).toMatch(/empty/);

        const huge = await app.inject({
          method: "POST",
          url: `${API}/uploads`,
          headers: editor.headers,
          payload: { filename: "huge.mp4", totalBytes: 3 * 1024 ** 3 },
        });
        expect(huge.statusCode).toBe(413);
      });

      it("fails the processing of a truncated MP4 with a clear message and no files left", async () => {
        const res = await uploadWhole(videos.truncated);
        expect(res.statusCode).toBe(201);
        const id = res.json<{ video: VideoItem }>().video.id;
        await runJobs();
        const video = (await app.inject({ url: `${API}/${id}`, headers: editor.headers })).json<VideoItem>();
        expect(video.status).toBe("failed");
        expect(video.error).toMatch(/could not be read as a video; it may be damaged or incomplete/);
        expect(await stored.keys(`videos/${id}/`)).toEqual([]);
        const publish = await app.inject({
          method: "PATCH",
          url: `${API}/${id}`,
          headers: editor.headers,
          payload: { published: true },
        });
        expect(publish.statusCode).toBe(400);
        expect(publish.json()).toMatchObject({ error: { code: "NOT_READY" } });
      }, 30_000);

      it("edits, tags, files and publishes a video; contributors may neither publish nor change it once live", async () => {
        const list = await app.inject({ url: `${API}?status=ready`, headers: editor.headers });
        const id = list.json<{ items: VideoItem[] }>().items.at(-1)!.id;
        const section = await get()
          .handle.db.insertInto("sections")
          .values({ slug: `video-news-${id}`, name: "Video news" })
          .returning("id")
          .executeTakeFirstOrThrow();
        const res = await app.inject({
          method: "PATCH",
          url: `${API}/${id}`,
          headers: editor.headers,
          payload: {
            title: "Tower Bridge lifts",
            description: "The bascules rise.",
            sectionId: section.id,
            tags: ["Bridges", "Thames", "bridges"],
            featured: true,
            published: true,
          },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          title: "Tower Bridge lifts",
          sectionId: section.id,
          featured: true,
          published: true,
          tags: [
            { name: "Bridges", slug: "bridges" },
            { name: "Thames", slug: "thames" },
          ],
        });
        const denied = await app.inject({
          method: "PATCH",
          url: `${API}/${id}`,
          headers: contributor.headers,
          payload: { published: false },
        });
        expect(denied.statusCode).toBe(403);
        // Published, it is live: a contributor's words would reach readers unreviewed.
        const edited = await app.inject({
          method: "PATCH",
          url: `${API}/${id}`,
          headers: contributor.headers,
          payload: { description: "The bascules rise for a tall ship." },
        });
        expect(edited.statusCode).toBe(403);
        const bad = await app.inject({
          method: "PATCH",
          url: `${API}/${id}`,
          headers: editor.headers,
          payload: { title: "" },
        });
        expect(bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
        const audit = await get()
          .handle.db.selectFrom("audit_log")
          .select("action")
          .where("subject_type", "=", "video")
          .where("subject_id", "=", String(id))
          .execute();
        expect(audit.map((a) => a.action)).toContain("video.update");
      });

      it("takes an uploaded poster image, stored as JPEG in the media table, and refuses what is not an image", async () => {
        const list = await app.inject({ url: `${API}?status=ready`, headers: editor.headers });
        const id = list.json<{ items: VideoItem[] }>().items.at(-1)!.id;
        const png = await sharp({ create: { width: 2400, height: 1350, channels: 3, background: "#204060" } })
          .png()
          .toBuffer();
        const res = await app.inject({
          method: "POST",
          url: `${API}/${id}/poster`,
          headers: { ...editor.headers, "content-type": "image/png" },
          payload: png,
        });
        expect(res.statusCode).toBe(201);
        const video = res.json<VideoItem>();
        expect(video.posterUrl).toMatch(/\/poster-upload-\d+\.jpg$/);
        expect(video.posterTime).toBeNull();
        const poster = await sharp(await stored.bytes(video.posterUrl!)).metadata();
        expect(poster).toMatchObject({ format: "jpeg", width: 1920, height: 1080 });
        const media = await get()
          .handle.db.selectFrom("media")
          .select(["width", "mime"])
          .where("storage_key", "=", video.posterUrl!.replace("/media/", ""))
          .executeTakeFirstOrThrow();
        expect(media).toEqual({ width: 1920, mime: "image/jpeg" });
        const bad = await app.inject({
          method: "POST",
          url: `${API}/${id}/poster`,
          headers: { ...editor.headers, "content-type": "image/png" },
          payload: Buffer.from("not a picture"),
        });
        expect(bad.statusCode).toBe(415);
      });

      it("takes WebVTT captions per language, lists line-numbered errors, refuses scripts, deletes", async () => {
        const list = await app.inject({ url: `${API}?status=ready`, headers: editor.headers });
        const id = list.json<{ items: VideoItem[] }>().items.at(-1)!.id;
        const send = (lang: string, label: string, body: string) =>
          app.inject({
            method: "POST",
            url: `${API}/${id}/captions?lang=${lang}&label=${encodeURIComponent(label)}`,
            headers: { ...editor.headers, "content-type": "text/vtt" },
            payload: body,
          });
        const en = await send(
          "en",
          "English",
          "WEBVTT\n\n00:00.000 --> 00:01.000\nThe bridge <i>lifts</i>.\n\n00:01.000 --> 00:02.000\nA ship passes.\n",
        );
        expect(en.statusCode).toBe(201);
        const fr = await send("fr", "Français", "WEBVTT\n\n00:00.000 --> 00:02.000\nLe pont se lève.\n");
        expect(fr.json<VideoItem>().captions).toEqual([
          expect.objectContaining({ lang: "en", label: "English", cueCount: 2 }),
          expect.objectContaining({ lang: "fr", label: "Français", cueCount: 1 }),
        ]);
        const track = await app.inject({ url: fr.json<VideoItem>().captions[1]!.url });
        expect(track.body).toContain("Le pont se lève.");

        const broken = await send(
          "de",
          "Deutsch",
          "WEBVTT\n\n00:00.000 -> 00:01.000\nKaputt\n\n00:03.000 --> 00:02.000\nRückwärts\n",
        );
        expect(broken.statusCode).toBe(400);
        expect(broken.json()).toMatchObject({
          error: { code: "VALIDATION_FAILED", details: [{ line: 3 }, { line: 6 }] },
        });
        const script = await send("de", "Deutsch", "WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n");
        expect(script.statusCode).toBe(400);
        expect(script.json<{ error: { message: string } }>().error.message).toMatch(
          /line 4: <script> is not a WebVTT cue tag/,
        );
        const tooBig = await send("de", "Deutsch", `WEBVTT\n\n${"x".repeat(600 * 1024)}`);
        expect(tooBig.statusCode).toBe(413);

        const removed = await app.inject({
          method: "DELETE",
          url: `${API}/${id}/captions/fr`,
          headers: editor.headers,
        });
        expect(removed.statusCode).toBe(204);
        const after = (await app.inject({ url: `${API}/${id}`, headers: editor.headers })).json<VideoItem>();
        expect(after.captions.map((c) => c.lang)).toEqual(["en"]);
        const row = await get()
          .handle.db.selectFrom("videos")
          .select("captions")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(JSON.parse(row.captions)).toEqual([expect.objectContaining({ lang: "en", label: "English" })]);
      });

      it("serves the MP4 with exact byte ranges, If-Range and 416", async () => {
        const list = await app.inject({ url: `${API}?status=ready`, headers: editor.headers });
        const video = list.json<{ items: VideoItem[] }>().items.at(-1)!;
        const file = await stored.bytes(video.src);
        const part = await app.inject({ url: video.src, headers: { range: "bytes=100-1123" } });
        expect(part.statusCode).toBe(206);
        expect(part.headers["content-range"]).toBe(`bytes 100-1123/${file.length}`);
        expect(part.headers["content-length"]).toBe("1024");
        expect(part.headers["accept-ranges"]).toBe("bytes");
        expect(part.rawPayload.equals(file.subarray(100, 1124))).toBe(true);

        const tail = await app.inject({ url: video.src, headers: { range: "bytes=-500" } });
        expect(tail.statusCode).toBe(206);
        expect(tail.rawPayload.equals(file.subarray(file.length - 500))).toBe(true);

        const full = await app.inject({ url: video.src });
        expect(full.statusCode).toBe(200);
        const etag = full.headers.etag as string;
        const same = await app.inject({ url: video.src, headers: { range: "bytes=0-9", "if-range": etag } });
        expect(same.statusCode).toBe(206);
        expect(same.rawPayload.equals(file.subarray(0, 10))).toBe(true);
        const changed = await app.inject({ url: video.src, headers: { range: "bytes=0-9", "if-range": '"stale"' } });
        expect(changed.statusCode).toBe(200);
        expect(changed.rawPayload.length).toBe(file.length);

        const beyond = await app.inject({ url: video.src, headers: { range: `bytes=${file.length + 10}-` } });
        expect(beyond.statusCode).toBe(416);
        expect(beyond.headers["content-range"]).toBe(`bytes */${file.length}`);
      });
    });
  });
});
