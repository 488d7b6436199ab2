import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { loadConfig } from "../src/platform/config.js";
import { generateCorpus } from "./corpus.js";

// npm run bench: the site in production mode on the demo newsroom plus a generated archive of
// 10,000 articles, measured with wrk (50 connections, 10 s after a 3 s warm-up), no page cache.

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const DURATION = process.env.BENCH_DURATION ?? "10s";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3999);

execFileSync("bash", ["scripts/ensure-system-packages.sh", "--bench"], { stdio: "inherit" });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-"));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(PORT),
  SEED_DEMO: "false",
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
};
const config = loadConfig({ ...env, SEED_DEMO: "true" });

console.log(`Preparing ${ARTICLES} generated articles plus the demo newsroom in ${dataDir} …`);
const handle = openDatabase(config);
await prepareDatabase(handle, config);
const t0 = performance.now();
await generateCorpus(handle.db, ARTICLES, new Date());
console.log(`Generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const slugs = await handle.db
  .selectFrom("articles as a")
  .innerJoin("sections as s", "s.id", "a.section_id")
  .select(["a.slug", "s.slug as section"])
  .orderBy("a.id")
  .execute();
await handle.destroy();

const step = Math.floor(slugs.length / 200);
const rotating = Array.from({ length: 200 }, (_, i) => slugs[i * step]!).map((a) => `/${a.section}/${a.slug}`);
const oneArticle = rotating[0]!;
const luaFile = path.join(dataDir, "rotate.lua");
fs.writeFileSync(
  luaFile,
  `local paths = {${rotating.map((p) => `"${p}"`).join(",")}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
);

const server: ChildProcess = spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", "src/server.ts"], {
  env,
  stdio: "inherit",
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Result {
  name: string;
  rps: number;
  p50: string;
  p99: string;
  errors: string;
}

function wrk(name: string, url: string, script?: string): Result {
  const args = ["-t2", `-c${CONNECTIONS}`, "--latency", ...(script ? ["-s", script] : [])];
  execFileSync("wrk", [...args, "-d3s", url], { stdio: "ignore" }); // warm-up
  const out = execFileSync("wrk", [...args, `-d${DURATION}`, url], { encoding: "utf8" });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1] ?? "?";
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1] ?? "?";
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1];
  const socket = /Socket errors:[^\n]+/.exec(out)?.[0];
  return {
    name,
    rps,
    p50,
    p99,
    errors: [non2xx ? `${non2xx} non-2xx` : "", socket ?? ""].filter(Boolean).join("; ") || "none",
  };
}

const results: Result[] = [];
try {
  for (const check of ["/", oneArticle]) {
    const res = await fetch(`${base}${check}`);
    if (res.status !== 200) throw new Error(`${check} answered ${res.status}`);
  }
  results.push(wrk("home page", `${base}/`));
  results.push(wrk("one article", `${base}${oneArticle}`));
  results.push(wrk("200 rotating articles", `${base}/`, luaFile));
} finally {
  server.kill("SIGTERM");
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`Corpus: ${slugs.length} published articles; wrk -t2 -c${CONNECTIONS} -d${DURATION} after a 3 s warm-up\n`);
console.log("| page | requests/s | p50 | p99 | errors |\n| --- | ---: | ---: | ---: | --- |");
for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
fs.rmSync(dataDir, { recursive: true, force: true });
