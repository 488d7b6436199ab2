import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { searchArticles } from "../src/discovery/search.queries.js";
import { loadConfig } from "../src/platform/config.js";
import { describeMachine, percentile } from "./archive.js";
import { generateCorpus } from "./corpus.js";
import { StoryWords } from "./story-words.js";
import { rawGet, startSite } from "./site-process.js";
import { WRK, type WrkResult, wrk } from "./wrk.js";

// npm run bench -- --archive: the site on a large archive of OUR generated articles (bench/corpus.ts,
// our own word list; BENCH_ARTICLES, default 100,000), built once with its discovery index and
// related lists and cached under the OS temp dir (keyed by the size and the generator's source).
// Measures: start-up to the first 200, cold pages (PAGE_CACHE_MB=0: 200 rotating articles, the
// home page), the process's RSS after cached runs with the cache at its default size, and search
// in-process (p50/p95 of queries from the generator's word list).

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const log = (line: string) => process.stderr.write(`${line}\n`);

const version = createHash("sha256")
  .update(`${ARTICLES}:`)
  .update(fs.readFileSync(path.resolve(import.meta.dirname, "corpus.ts")))
  .update(fs.readFileSync(path.resolve(import.meta.dirname, "story-words.ts")))
  .digest("hex")
  .slice(0, 10);
const root = path.join(os.tmpdir(), "london-daily-bench-pages");
const dataDir = path.join(root, `${ARTICLES}_${version}`);
const env = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "false", NODE_ENV: "production", LOG_LEVEL: "warn" };

if (!fs.existsSync(path.join(dataDir, "complete"))) {
  const building = `${dataDir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  log(`Building ${ARTICLES.toLocaleString("en-GB")} generated articles plus the demo newsroom in ${building} …`);
  const config = loadConfig({ ...env, DATA_DIR: building, SEED_DEMO: "true" });
  const handle = openDatabase(config);
  await prepareDatabase(handle, config);
  const t0 = performance.now();
  await generateCorpus(handle.db, ARTICLES, new Date());
  await handle.destroy();
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  fs.writeFileSync(path.join(building, "complete"), `${new Date().toISOString()} built in ${seconds} s\n`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.renameSync(building, dataDir);
  log(`Built in ${seconds} s`);
}
const built = fs.readFileSync(path.join(dataDir, "complete"), "utf8").trim();

const config = loadConfig(env);
const handle = openDatabase(config);
const slugs = await handle.db
  .selectFrom("articles as a")
  .innerJoin("sections as s", "s.id", "a.section_id")
  .select(["a.slug", "s.slug as section"])
  .where("a.status", "=", "published")
  .orderBy("a.id")
  .execute();
const step = Math.max(1, Math.floor(slugs.length / 200));
const rotating = Array.from({ length: 200 }, (_, i) => slugs[i * step]!).map((a) => `/${a.section}/${a.slug}`);
const luaRotate = path.join(os.tmpdir(), `london-daily-rotate-${process.pid}.lua`);
fs.writeFileSync(
  luaRotate,
  `local paths = {${rotating.map((p) => `"${p}"`).join(",")}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
);

// Search, in-process on the same file: one- to three-word queries of the generator's words, from
// words in most stories (the head of its Zipf list) to words in a few hundred.
const { vocab } = new StoryWords(1);
const queries = [
  ...[0, 1, 5, 20, 100, 400, 2000, 8000].map((i) => vocab[i]!),
  ...[
    [0, 7],
    [3, 150],
    [40, 900],
    [12, 30, 77],
    [250, 2500],
    [5, 6000],
  ].map((ix) => ix.map((i) => vocab[i]!).join(" ")),
];
const searchMs: number[] = [];
const totals: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  for (const q of queries) {
    const t = performance.now();
    const result = await searchArticles(handle.db, {
      q,
      sort: "relevance",
      page: 1,
      perPage: 10,
      now: new Date(),
    });
    if (pass > 0) {
      searchMs.push(performance.now() - t);
      totals.push(result.total);
    }
  }
}
await handle.destroy();

/** Start-up: from spawning the server to the first 200 of an article page. */
async function startUpMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", "src/server.ts"], {
    env: { ...env, PORT: String(PORT) },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        if ((await rawGet(`http://127.0.0.1:${PORT}${rotating[0]}`)).status === 200) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - started > 60_000) throw new Error("no 200 within 60 s");
    }
    return performance.now() - started;
  } finally {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}
const startUps = [await startUpMs(), await startUpMs(), await startUpMs()].sort((a, b) => a - b);

const cold: WrkResult[] = [];
const coldSite = await startSite({ ...env, PAGE_CACHE_MB: "0" }, PORT);
try {
  cold.push(await wrk("200 rotating articles", `${coldSite.url}/`, { script: luaRotate }));
  cold.push(await wrk("home page", `${coldSite.url}/`));
} finally {
  await coldSite.stop();
}
const site = await startSite(env, PORT);
let rss = 0;
const cachedRuns: WrkResult[] = [];
try {
  // Each of the 200 once first, so the timed run reads stored pages.
  for (const url of rotating) await rawGet(`${site.url}${url}`);
  cachedRuns.push(await wrk("200 rotating articles, cached", `${site.url}/`, { script: luaRotate }));
  cachedRuns.push(await wrk("home page, cached", `${site.url}/`));
  rss = site.rssMb();
} finally {
  await site.stop();
}
fs.rmSync(luaRotate, { force: true });

const sorted = [...searchMs].sort((a, b) => a - b);
console.log(
  `\nMachine: ${describeMachine()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `Archive: ${slugs.length.toLocaleString("en-GB")} published articles (bench/corpus.ts, our word list, with ` +
    `related lists), SQLite, cached in ${dataDir} (${built}); wrk -t${WRK.threads} -c${WRK.connections} -d${WRK.duration} after a ${WRK.warmup} warm-up\n`,
);
console.log(
  `Start-up to the first 200 of an article (spawn → 200), 3 runs: ${startUps.map((s) => `${(s / 1000).toFixed(2)} s`).join(", ")}`,
);
console.log(
  `Search (in-process, ${queries.length} queries × 2 passes after one warm-up, best match, page 1 of 10): ` +
    `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
    `max ${sorted.at(-1)!.toFixed(1)} ms; matches per query ${Math.min(...totals)}–${Math.max(...totals)}`,
);
console.log(`RSS after the cached runs (PAGE_CACHE_MB default): ${rss.toFixed(0)} MB\n`);
console.log("| run | requests/s | p50 | p99 | errors |\n| --- | ---: | ---: | ---: | --- |");
for (const r of [...cold.map((c) => ({ ...c, name: `cold: ${c.name}` })), ...cachedRuns]) {
  console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}
