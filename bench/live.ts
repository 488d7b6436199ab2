import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { createSession } from "../src/platform/admin/session.js";
import { loadConfig } from "../src/platform/config.js";
import { startSite } from "./site-process.js";
import { wrk } from "./wrk.js";

// npm run bench:live: live blog fan-out on the demo's Storm Ida live blog, the site in production
// mode as `npm start` runs it (SQLite). For 1,000 and 10,000 open streams on one process: the time
// from `POST …/live-entries` returning to the entry arriving on every stream (p50/p99) and the
// memory each open stream costs; then two processes on one database and one Redis, streams on one
// and posts on the other; then the live page's cached requests/s (wrk) with an entry every second.

const PORT = Number(process.env.BENCH_PORT ?? 3997);
const POSTS = Number(process.env.BENCH_LIVE_POSTS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const COUNTS = (process.env.BENCH_LIVE_STREAMS ?? "1000,10000").split(",").map(Number);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-live-"));
const env = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "true", NODE_ENV: "production", LOG_LEVEL: "warn" };
const config = loadConfig(env);
const handle = openDatabase(config);
await prepareDatabase(handle, config);
const live = await handle.db
  .selectFrom("articles")
  .select("id")
  .where("slug", "=", "storm-ida-live")
  .executeTakeFirstOrThrow();
const now = new Date().toISOString();
const editor = await handle.db
  .insertInto("users")
  .values({
    email: "bench@example.com",
    name: "Bench Editor",
    role: "editor",
    password_hash: "!",
    created_at: now,
    updated_at: now,
  })
  .returning("id")
  .executeTakeFirstOrThrow();
const session = await createSession(handle.db, editor.id, new Date(), { ip: "127.0.0.1", userAgent: "bench" });
await handle.destroy();
const headers = {
  cookie: `ld_session=${session.token}`,
  "x-csrf-token": session.csrfToken,
  "content-type": "application/json",
};

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** N open streams that record when each entry id first arrives. */
function openStreams(base: string, n: number) {
  const arrivals = new Map<number, number[]>();
  const sockets: http.ClientRequest[] = [];
  let opened = 0;
  const counted = new Set<number>();
  const ready = new Promise<void>((resolve, reject) => {
    const openOne = (i: number, tries = 0) => {
      // A connection refused or reset while thousands open at once is tried again, as a browser does.
      const retry = () =>
        tries < 20 ? setTimeout(() => openOne(i, tries + 1), 200) : reject(new Error(`stream ${i} failed`));
      const req = http.get(`${base}/live/${live.id}/events`, { agent }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
        res.on("error", () => undefined);
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const at = performance.now();
          for (const m of chunk.matchAll(/^data: \{"id":(\d+)/gm)) {
            const id = Number(m[1]);
            const list = arrivals.get(id) ?? [];
            list.push(at);
            arrivals.set(id, list);
          }
        });
        counted.add(i);
        if (++opened === n) resolve();
      });
      req.on("error", () => {
        if (!counted.has(i)) retry();
      });
      sockets.push(req);
    };
    // Opened in batches, as readers arrive: not 10,000 SYNs in one tick.
    let i = 0;
    const batch = () => {
      for (let k = 0; k < 250 && i < n; k++, i++) openOne(i);
      if (i < n) setTimeout(batch, 50);
    };
    batch();
  });
  return { arrivals, ready, close: () => sockets.forEach((s) => s.destroy()) };
}

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** Posts one entry on a connection of its own (no keep-alive socket the server may just have closed). */
function post(base: string, i: number): Promise<{ id: number; returned: number }> {
  const payload = JSON.stringify({ body: doc(`Benchmark entry ${i}: the wind has dropped a little.`) });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/newsroom/articles/${live.id}/live-entries`,
      { method: "POST", agent: false, headers: { ...headers, "content-length": Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const returned = performance.now();
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 201) return reject(new Error(`post: ${res.statusCode} ${text}`));
          resolve({ id: (JSON.parse(text) as { id: number }).id, returned });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Posts POSTS entries, half a second apart, and measures each one's arrival on every stream. */
async function measure(postTo: string, streams: ReturnType<typeof openStreams>, n: number) {
  const delays: number[] = [];
  let missing = 0;
  for (let i = 0; i < POSTS; i++) {
    const { id, returned } = await post(postTo, i);
    const deadline = performance.now() + 10_000;
    while ((streams.arrivals.get(id)?.length ?? 0) < n && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const got = streams.arrivals.get(id) ?? [];
    missing += n - got.length;
    // An entry can reach a stream before the POST's answer reaches us: that counts as 0.
    for (const at of got) delays.push(Math.max(0, at - returned));
    await new Promise((r) => setTimeout(r, 500));
  }
  delays.sort((a, b) => a - b);
  return { p50: pct(delays, 50), p99: pct(delays, 99), max: delays.at(-1)!, missing };
}

const rows: string[] = [];
const started: { stop: () => Promise<void> }[] = [];
process.on("uncaughtException", (err) => {
  console.error(err);
  void Promise.all(started.map((s) => s.stop())).finally(() => process.exit(1));
});
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

// One process.
{
  const site = await startSite(env, PORT);
  started.push(site);
  for (const n of COUNTS) {
    await new Promise((r) => setTimeout(r, 1000));
    const before = site.rssMb();
    const streams = openStreams(site.url, n);
    await streams.ready;
    await new Promise((r) => setTimeout(r, 2000));
    const after = site.rssMb();
    const r = await measure(site.url, streams, n);
    const perStream = ((after - before) * 1024) / n;
    rows.push(
      `| one process | ${n.toLocaleString("en-GB")} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.missing} | ${perStream.toFixed(1)} KB |`,
    );
    console.log(rows.at(-1));
    streams.close();
  }
  // The live page's cached requests/s while an entry lands every second.
  let posting = true;
  let posted = 0;
  const writer = (async () => {
    while (posting) {
      await post(site.url, 1000 + posted++);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const page = await wrk("live page, an entry every second", `${site.url}/uk/storm-ida-live`, {
    headers: { "accept-encoding": "br" },
  });
  posting = false;
  await writer;
  rows.push(
    `\nLive page (brotli), wrk ${page.name}: ${page.rps.toFixed(0)} req/s, p50 ${page.p50}, p99 ${page.p99}, errors ${page.errors}; ${posted} entries posted meanwhile`,
  );
  console.log(rows.at(-1));
  await site.stop();
}

// Two processes through Redis: streams on the second, posts on the first.
{
  const redisEnv = { ...env, REDIS_URL };
  const first = await startSite(redisEnv, PORT);
  const second = await startSite(redisEnv, PORT + 1);
  started.push(first, second);
  const n = Math.min(...COUNTS);
  const streams = openStreams(second.url, n);
  await streams.ready;
  await new Promise((r) => setTimeout(r, 1000));
  const r = await measure(first.url, streams, n);
  rows.push(
    `| two processes, Redis (post on one, streams on the other) | ${n.toLocaleString("en-GB")} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.missing} | – |`,
  );
  console.log(rows.at(-1));
  streams.close();
  await first.stop();
  await second.stop();
}

console.log(
  `\nload average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")} on ${os.cpus().length} cores`,
);
console.log("\n| setting | open streams | p50 | p99 | max | entries missed | memory per stream |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
