import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { createSession } from "../src/platform/admin/session.js";
import { loadConfig } from "../src/platform/config.js";
import { generateCorpus } from "./corpus.js";
import { startNginx } from "./nginx.js";
import { rawGet, startSite } from "./site-process.js";
import { CHECKING_SCRIPT, WRK, type WrkResult, wrk } from "./wrk.js";

// npm run bench: in one run, the site (production mode, one process, page cache on) against nginx
// (one worker) serving the same pages' bytes from disk; the same with Accept-Encoding: br; an
// article invalidated by a newsroom save 10 times a second under load; then the site with the page
// cache off (cold renders). Archive: the demo newsroom plus BENCH_ARTICLES generated articles.

if (process.argv.includes("--archive")) {
  // The large-archive runs (cold pages, start-up, memory, search at 100,000): bench/pages-archive.ts.
  await import("./pages-archive.js");
  process.exit(0);
}

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const WRITES_PER_SECOND = 10;

execFileSync("bash", ["scripts/ensure-system-packages.sh", "--bench"], { stdio: "inherit" });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-"));
const env = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "false", NODE_ENV: "production", LOG_LEVEL: "warn" };
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
  .select(["a.id", "a.slug", "s.slug as section"])
  .where("a.status", "=", "published")
  .orderBy("a.id")
  .execute();
// An editor's session for the saves that invalidate a page under load.
const editor = await handle.db
  .insertInto("users")
  .values({
    email: "bench-editor@example.com",
    name: "Bench Editor",
    role: "editor",
    password_hash: "!bench",
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  })
  .returning("id")
  .executeTakeFirstOrThrow();
const session = await createSession(handle.db, editor.id, new Date(), { ip: "127.0.0.1", userAgent: "bench" });
await handle.destroy();

const step = Math.max(1, Math.floor(slugs.length / 200));
const rotating = Array.from({ length: 200 }, (_, i) => slugs[i * step]!).map((a) => `/${a.section}/${a.slug}`);
const article = slugs[0]!;
const articlePath = `/${article.section}/${article.slug}`;
const luaRotate = path.join(dataDir, "rotate.lua");
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
const luaCheck = path.join(dataDir, "check.lua");
fs.writeFileSync(luaCheck, CHECKING_SCRIPT);

const cached: WrkResult[] = [];
const versus: { page: string; encoding: string; site: WrkResult; nginx: WrkResult }[] = [];
const cold: WrkResult[] = [];
let invalidated: (WrkResult & { writes: number; writeP50: number; writeMax: number }) | undefined;
let rssAfterCached = 0;

const site = await startSite(env, PORT);
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
try {
  const bytes = async (url: string) => {
    const plain = await rawGet(`${site.url}${url}`);
    const br = await rawGet(`${site.url}${url}`, { "accept-encoding": "br" });
    if (plain.status !== 200 || br.headers["content-encoding"] !== "br") throw new Error(`${url}: ${plain.status}`);
    return { html: plain.body, br: br.body };
  };
  const pages = { "/": await bytes("/"), "/article": await bytes(articlePath) };
  console.log(
    `Article ${articlePath}: ${pages["/article"].html.length} bytes (${pages["/article"].br.length} brotli); ` +
      `home: ${pages["/"].html.length} bytes (${pages["/"].br.length} brotli)`,
  );
  nginx = await startNginx(path.join(dataDir, "nginx"), PORT - 1, pages);

  for (const encoding of ["identity", "br"] as const) {
    const headers: Record<string, string> = encoding === "br" ? { "accept-encoding": "br" } : {};
    for (const [page, sitePath, nginxPath] of [
      ["article", articlePath, "/article"],
      ["home", "/", "/"],
    ] as const) {
      const n = await wrk(`nginx ${page} (${encoding})`, `${nginx.url}${nginxPath}`, { headers });
      const s = await wrk(`site ${page} (${encoding})`, `${site.url}${sitePath}`, { headers });
      versus.push({ page, encoding, site: s, nginx: n });
      cached.push(s);
    }
  }
  rssAfterCached = site.rssMb();

  // A story being updated while everyone reads it: a newsroom save and Update of its body 10 times a second.
  const api = `${site.url}/api/newsroom/articles/${article.id}`;
  const auth = { cookie: `ld_session=${session.token}`, "x-csrf-token": session.csrfToken };
  let version = ((await (await fetch(api, { headers: auth })).json()) as { version: number }).version;
  let writing = true;
  let busy = false;
  let lastText = "";
  const writeMs: number[] = [];
  const writer = setInterval(() => {
    if (!writing || busy) return;
    busy = true;
    const started = performance.now();
    const n = writeMs.length + 1;
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `Update ${n}.` }] }] };
    void fetch(api, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ baseVersion: version, body }),
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`save answered ${res.status}: ${await res.text()}`);
        version = ((await res.json()) as { version: number }).version;
        // The save waits in the pending copy (docs/adr/019); the Update puts it live and drops the page.
        const update = await fetch(`${api}/publish`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ baseVersion: version }),
        });
        if (!update.ok) throw new Error(`update answered ${update.status}: ${await update.text()}`);
        version = ((await update.json()) as { version: number }).version;
        writeMs.push(performance.now() - started);
        lastText = `Update ${n}.`;
      })
      .catch((err: unknown) => console.error(err))
      .finally(() => (busy = false));
  }, 1000 / WRITES_PER_SECOND);
  const result = await wrk(`site article, saved ${WRITES_PER_SECOND}×/s`, `${site.url}${articlePath}`, {
    script: luaCheck,
    warmup: false,
  });
  writing = false;
  clearInterval(writer);
  while (busy) await new Promise((r) => setTimeout(r, 10));
  // Nothing stale after a save returns: the page shows the last one.
  const last = (await rawGet(`${site.url}${articlePath}`)).body.toString();
  if (!last.includes(lastText)) throw new Error(`the last save (${lastText}) is not on the page`);
  const sorted = [...writeMs].sort((a, b) => a - b);
  invalidated = {
    ...result,
    writes: writeMs.length,
    writeP50: sorted[Math.floor(sorted.length / 2)] ?? 0,
    writeMax: sorted.at(-1) ?? 0,
  };
} finally {
  nginx?.stop();
  await site.stop();
}

// Cold: the page cache off, every request runs its queries and renders.
const coldSite = await startSite({ ...env, PAGE_CACHE_MB: "0" }, PORT);
try {
  cold.push(await wrk("home page", `${coldSite.url}/`));
  cold.push(await wrk("one article", `${coldSite.url}${articlePath}`));
  cold.push(await wrk("200 rotating articles", `${coldSite.url}/`, { script: luaRotate }));
} finally {
  await coldSite.stop();
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `Corpus: ${slugs.length} published articles; wrk -t${WRK.threads} -c${WRK.connections} -d${WRK.duration} after a ${WRK.warmup} warm-up; ` +
    `site process RSS after the cached runs: ${rssAfterCached.toFixed(0)} MB\n`,
);
console.log("Cached pages against nginx serving the same bytes from disk (one worker):\n");
console.log("| page | encoding | site req/s | nginx req/s | site / nginx | site p99 | nginx p99 | errors |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
for (const v of versus) {
  console.log(
    `| ${v.page} | ${v.encoding} | ${v.site.rps.toFixed(0)} | ${v.nginx.rps.toFixed(0)} | ${(v.site.rps / v.nginx.rps).toFixed(2)} | ` +
      `${v.site.p99} | ${v.nginx.p99} | ${v.site.errors} |`,
  );
}
if (invalidated) {
  console.log(
    `\nArticle saved ${WRITES_PER_SECOND}×/s under load: ${invalidated.rps.toFixed(0)} req/s, p99 ${invalidated.p99}, ` +
      `${invalidated.bad ?? "?"} wrong responses, ${invalidated.errors} errors; ${invalidated.writes} saves ` +
      `(median ${invalidated.writeP50.toFixed(0)} ms, slowest ${invalidated.writeMax.toFixed(0)} ms)`,
  );
}
console.log("\nCold (PAGE_CACHE_MB=0):\n");
console.log("| page | requests/s | p50 | p99 | errors |\n| --- | ---: | ---: | ---: | --- |");
for (const r of cold) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
fs.rmSync(dataDir, { recursive: true, force: true });
