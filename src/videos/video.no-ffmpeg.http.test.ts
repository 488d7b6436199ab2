import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type TestVideos, describeWithFfmpeg, makeTestVideos } from "../../test/support/test-videos.js";
import { buildApp } from "../app.js";
import type { VideoItem } from "./video-admin.js";

const API = "/api/newsroom/videos";

// A server without ffmpeg/ffprobe (their paths point nowhere): MP4 is taken as is, judged by its
// magic bytes, and is ready at once; anything else is refused, and the newsroom is told what is missing.
describeWithFfmpeg("video upload without ffmpeg", () => {
  let videos: TestVideos;
  beforeAll(() => {
    videos = makeTestVideos();
  }, 60_000);
  afterAll(() => videos.remove());

  describeEachDatabase("newsroom video API without ffmpeg", (get) => {
    let app: FastifyInstance;
    let dataDir: string;
    let writer: SignedIn;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-video-noff-"));
      const missing = path.join(dataDir, "no-such-program");
      const config = { ...get().config, dataDir, ffmpegPath: missing, ffprobePath: missing };
      app = await buildApp({ config, db: get().handle.db, logger: false });
      writer = await signedIn(get().handle.db, "writer");
    });
    afterAll(async () => {
      await app?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function upload(file: string) {
      const created = await app.inject({
        method: "POST",
        url: `${API}/uploads`,
        headers: writer.headers,
        payload: { filename: path.basename(file) },
      });
      return app.inject({
        method: "PUT",
        url: `${API}/uploads/${created.json<{ id: string }>().id}`,
        headers: { ...writer.headers, "content-type": "video/mp4" },
        payload: fs.readFileSync(file),
      });
    }

    it("says processing is unavailable", async () => {
      const res = await app.inject({ url: `${API}/capabilities`, headers: { cookie: writer.cookie } });
      const caps = res.json<{ ffmpeg: boolean; ffprobe: boolean; formats: string[]; unavailable: string[] }>();
      expect(caps).toMatchObject({ ffmpeg: false, ffprobe: false, formats: ["mp4"] });
      expect(caps.unavailable.join(" ")).toMatch(/processing/);
    });

    it("takes an MP4 as it is, ready at once, and queues no processing", async () => {
      const res = await upload(videos.mp4);
      expect(res.statusCode).toBe(201);
      const video = res.json<{ video: VideoItem }>().video;
      expect(video).toMatchObject({ status: "ready", progress: 100, renditions: { mp4: null, hls: null } });
      expect(video.src).toMatch(/^\/media\/video-sources\/[0-9a-f]{32}\.mp4$/);
      const served = await app.inject({ url: video.src, headers: { range: "bytes=0-11" } });
      expect(served.statusCode).toBe(206);
      expect(served.headers["content-type"]).toBe("video/mp4");
      const jobs = await get().handle.db.selectFrom("jobs").select("key").where("name", "=", "video.process").execute();
      expect(jobs.map((j) => j.key)).not.toContain(`video.process:${video.id}:upload`);
    });

    it("refuses WebM and text", async () => {
      const webm = await upload(videos.webm);
      expect(webm.statusCode).toBe(415);
      expect(webm.json<{ error: { message: string } }>().error.message).toMatch(
        /without ffmpeg on the server only MP4/,
      );
      expect((await upload(videos.text)).statusCode).toBe(415);
    });
  });
});
