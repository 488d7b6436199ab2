import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/app.js";
import { openDatabase } from "../src/database.js";
import { JOBS, jobHandlers } from "../src/jobs.js";
import { loadConfig } from "../src/platform/config.js";
import { JobRunner } from "../src/platform/jobs/job-runner.js";
import { createMailer } from "../src/platform/mail/mailer.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { signedIn } from "../test/support/newsroom-session.js";

// npx tsx bench/video-upload.ts [--mb 512] [--chunk-mb 8] [--seconds 60]
// 1. Uploads a video of about --mb megabytes in --chunk-mb chunks over real HTTP to a real app on
//    SQLite, sampling the process's peak RSS: the upload streams to disk, so RSS must not grow with
//    the file. 2. Processes a --seconds long 1280×720 test video (faststart MP4 + HLS 360p and 720p +
//    poster) with the video.process job and reports the time it took.

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MB = arg("mb", 512);
const CHUNK = arg("chunk-mb", 8) * 1024 * 1024;
const SECONDS = arg("seconds", 60);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-video-"));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", SEED_DEMO: "false" });
const handle = openDatabase(config);
await migrateToLatest(handle.db, "sqlite");
const app = await buildApp({ config, db: handle.db, logger: false });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
if (!address || typeof address === "string") throw new Error("no address");
const base = `http://127.0.0.1:${address.port}/api/newsroom/videos`;
const editor = await signedIn(handle.db, "editor");

const clip = path.join(dir, "clip.mp4");
const ff = (args: string[]) => execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
ff([
  "-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=25`, "-f", "lavfi", "-i", "sine=frequency=440",
  "-t", String(SECONDS), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart", clip,
]); // prettier-ignore

// The big file: the clip, then filler to --mb (ffprobe still reads the clip's index at the front).
const big = path.join(dir, "big.mp4");
fs.copyFileSync(clip, big);
const filler = Buffer.alloc(1024 * 1024, 7);
while (fs.statSync(big).size < MB * 1024 * 1024) fs.appendFileSync(big, filler);
const size = fs.statSync(big).size;

let peakRss = process.memoryUsage().rss;
const baselineRss = peakRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const json = { ...editor.headers, "content-type": "application/json" };
const created = (await (
  await fetch(`${base}/uploads`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ filename: "big.mp4", totalBytes: size }),
  })
).json()) as { id: string };
const started = performance.now();
const fd = fs.openSync(big, "r");
let status = 0;
for (let first = 0; first < size; first += CHUNK) {
  const last = Math.min(size, first + CHUNK) - 1;
  const body = Buffer.alloc(last - first + 1);
  fs.readSync(fd, body, 0, body.length, first);
  const res = await fetch(`${base}/uploads/${created.id}`, {
    method: "PUT",
    headers: {
      ...editor.headers,
      "content-type": "application/octet-stream",
      "content-range": `bytes ${first}-${last}/${size}`,
    },
    body,
  });
  status = res.status;
  await res.arrayBuffer();
}
fs.closeSync(fd);
const uploadMs = performance.now() - started;
clearInterval(sampler);
console.log(
  `upload: ${(size / 1024 / 1024).toFixed(0)} MB in ${CHUNK / 1024 / 1024} MB chunks, last status ${status}, ` +
    `${uploadMs.toFixed(0)} ms (${(size / 1024 / 1024 / (uploadMs / 1000)).toFixed(0)} MB/s), ` +
    `RSS baseline ${(baselineRss / 1e6).toFixed(0)} MB, peak ${(peakRss / 1e6).toFixed(0)} MB ` +
    `(the client's chunk buffers included)`,
);

// Processing of the clip alone.
const one = await fetch(`${base}/uploads`, {
  method: "POST",
  headers: json,
  body: JSON.stringify({ filename: "clip.mp4" }),
});
const { id } = (await one.json()) as { id: string };
const put = await fetch(`${base}/uploads/${id}`, {
  method: "PUT",
  headers: { ...editor.headers, "content-type": "application/octet-stream" },
  body: fs.readFileSync(clip),
});
const { video } = (await put.json()) as { video: { id: number } };
const handlers = await jobHandlers({ db: handle.db, config, mailer: createMailer(config), now: () => new Date() });
const runner = new JobRunner({ db: handle.db, handlers: { [JOBS.processVideo]: handlers[JOBS.processVideo] } });
await handle.db.deleteFrom("jobs").where("payload", "not like", `%"videoId":${video.id}%`).execute();
const t0 = performance.now();
await runner.tick();
await runner.idle();
const row = await handle.db
  .selectFrom("videos")
  .select(["status", "renditions"])
  .where("id", "=", video.id)
  .executeTakeFirstOrThrow();
console.log(
  `processing: ${SECONDS} s of 1280x720 → ${row.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
    `(${os.cpus().length} CPUs) renditions ${row.renditions}`,
);
await app.close();
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
