import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { buildApp } from "../src/app.js";
import { openDatabase } from "../src/database.js";
import { multipartBody } from "../src/media/media-test-files.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { testConfig } from "../test/support/databases.js";
import { signedIn } from "../test/support/newsroom-session.js";

// npx tsx bench/media-upload.ts [--count 8]
// Uploads camera-sized photos (4032 × 3024 JPEGs made from the demo images with sensor-like
// noise, about 1–2.5 MB) one after another through POST /api/newsroom/media on a throw-away SQLite
// newsroom, and prints each upload's time and the process's resident memory, then the time of
// twenty library searches. Every upload writes 18 files: the original, 15 variants, 2 crops.

const count = Number(process.argv[process.argv.indexOf("--count") + 1]) || 8;
const demo = ["harbour-cranes", "city-skyline", "gallery-hall", "circuit-board"];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-media-"));
const config = { ...testConfig(), dataDir: dir };
const handle = openDatabase(config);
await migrateToLatest(handle.db, handle.dialect);
const app = await buildApp({ config, db: handle.db, logger: false });
const writer = await signedIn(handle.db, "writer");
const noise = await sharp({
  create: {
    width: 4032,
    height: 3024,
    channels: 3,
    background: "#000",
    noise: { type: "gaussian", mean: 128, sigma: 10 },
  },
})
  .png()
  .toBuffer();

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}, ${os.availableParallelism()} cores`,
);
const times: number[] = [];
for (let i = 0; i < count; i++) {
  const name = demo[i % demo.length]!;
  const photo = await sharp(`src/demo/media/${name}.jpg`)
    .resize(4032, 3024)
    .composite([{ input: noise, blend: "overlay" }])
    .jpeg({ quality: 92 - i })
    .toBuffer();
  const { payload, contentType } = multipartBody([
    { name: "file", filename: `${name}.jpg`, type: "image/jpeg", data: photo },
  ]);
  const started = performance.now();
  const res = await app.inject({
    method: "POST",
    url: "/api/newsroom/media",
    headers: { ...writer.headers, "content-type": contentType },
    payload,
  });
  const ms = performance.now() - started;
  times.push(ms);
  const rss = Math.round(process.memoryUsage().rss / 1e6);
  console.log(`${res.statusCode} ${name} ${(photo.length / 1e6).toFixed(1)} MB: ${Math.round(ms)} ms, rss ${rss} MB`);
}
times.sort((a, b) => a - b);
console.log(`median ${Math.round(times[Math.floor(times.length / 2)]!)} ms`);
const started = performance.now();
for (let i = 0; i < 20; i++) await app.inject({ url: "/api/newsroom/media?q=jpg", headers: { cookie: writer.cookie } });
console.log(`20 library searches: ${Math.round(performance.now() - started)} ms`);
await app.close();
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
