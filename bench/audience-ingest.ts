import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { loadConfig } from "../src/platform/config.js";
import { describeMachine } from "./archive.js";
import { startSite } from "./site-process.js";
import { WRK, type WrkResult, wrk } from "./wrk.js";

// npm run bench:audience-ingest: beacon ingest on one process, in one run. The cached article page
// alone (wrk), then the same page while a second wrk posts beacons (views and heartbeats from many
// pages, referrers and articles) as fast as the process takes them, then the beacons alone; then
// the counts written are read back, to check that every beacon answered was counted.

const PORT = Number(process.env.BENCH_PORT ?? 3998);
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
execFileSync("bash", ["scripts/ensure-system-packages.sh", "--bench"], { stdio: "inherit" });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-audience-ingest-"));
// Behind one proxy hop, as in production (docs/deploy.md): the beacons come from 50,000 readers'
// addresses, so the per-address limit (beacon-limit.ts) is checked for each and refuses none.
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  SEED_DEMO: "true",
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  TRUST_PROXY: "1",
};
const config = loadConfig(env);
const handle = openDatabase(config);
await prepareDatabase(handle, config);
const stories = await handle.db
  .selectFrom("articles as a")
  .innerJoin("sections as s", "s.id", "a.section_id")
  .select(["a.id", "a.slug", "s.slug as section"])
  .where("a.status", "=", "published")
  .execute();
await handle.destroy();
const article = `/${stories[0]!.section}/${stories[0]!.slug}`;

const beaconScript = path.join(dataDir, "beacon.lua");
fs.writeFileSync(
  beaconScript,
  `local ids = {${stories.map((s) => s.id).join(",")}}
local refs = {"", "www.google.com", "t.co", "news.example.org", "127.0.0.1", "duckduckgo.com"}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
request = function()
  n = n + 1
  local kind = (n % 3 == 0) and ',"k":"e","s":15' or ',"k":"v"'
  local reader = n % 50000
  wrk.headers["X-Forwarded-For"] = "10." .. math.floor(reader / 65536) .. "." .. (math.floor(reader / 256) % 256) .. "." .. (reader % 256)
  local body = '{"i":"bench' .. string.format("%08d", n % 50000) .. '","a":' .. ids[n % #ids + 1] ..
    ',"r":"' .. refs[n % #refs + 1] .. '"' .. kind .. '}'
  return wrk.format(nil, nil, nil, body)
end
`,
);

const site = await startSite(env, PORT);
const results: WrkResult[] = [];
results.push(await wrk("article page alone", `${site.url}${article}`, { headers: { "user-agent": UA } }));
const [page, beacons] = await Promise.all([
  wrk("article page, beacons posted alongside", `${site.url}${article}`, { headers: { "user-agent": UA } }),
  wrk("beacons, alongside the page", `${site.url}/api/audience/beacon`, {
    script: beaconScript,
    headers: { "user-agent": UA },
  }),
]);
results.push(page, beacons);
results.push(
  await wrk("beacons alone", `${site.url}/api/audience/beacon`, {
    script: beaconScript,
    headers: { "user-agent": UA },
  }),
);
// The counter writes every 5 s; stopping the server writes the rest.
await site.stop();
const check = openDatabase(config);
const written = await check.db
  .selectFrom("audience_days")
  .select((eb) => [eb.fn.sum<number>("views").as("views"), eb.fn.sum<number>("engaged_seconds").as("engaged")])
  .executeTakeFirst();
await check.destroy();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`\n## Audience beacon ingest (one process, SQLite)\n`);
console.log(describeMachine());
console.log(`wrk -t${WRK.threads} -c${WRK.connections} -d${WRK.duration} after a ${WRK.warmup} warm-up, each run.\n`);
console.log("| run | requests/s | p50 | p99 | errors |");
console.log("| --- | ---: | --- | --- | --- |");
for (const r of results)
  console.log(`| ${r.name} | ${Math.round(r.rps).toLocaleString("en-GB")} | ${r.p50} | ${r.p99} | ${r.errors} |`);
console.log(
  `\nWritten after the runs (warm-ups included): ${Number(written?.views ?? 0).toLocaleString("en-GB")} views, ` +
    `${Number(written?.engaged ?? 0).toLocaleString("en-GB")} engaged seconds.`,
);
