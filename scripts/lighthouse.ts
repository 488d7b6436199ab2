// Lighthouse on the reader's pages, the mobile profile (Moto G Power, slow 4G, 4× CPU slowdown),
// in Debian's Chromium: `npx tsx scripts/lighthouse.ts --base http://127.0.0.1:3000`.
// Prints each page's four scores and its CLS; exits 1 when one is under the floor the reader's
// front holds to (performance ≥ 95, accessibility, best practices and SEO 100, CLS < 0.05).
// With no --base it runs the site on the demo newsroom in a temporary folder.
import fs from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startSite } from "../bench/site-process.js";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    pages: { type: "string" },
    runs: { type: "string", default: "1" },
  },
});

const FLOORS = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 } as const;
const CLS_MAX = 0.05;

async function pagesOf(base: string): Promise<[string, string][]> {
  if (values.pages) return values.pages.split(",").map((p) => p.split("=") as [string, string]);
  const home = await (await fetch(`${base}/`)).text();
  const article = /<section aria-labelledby="lead-title" class="lead">.*?<a href="([^"]+)"/s.exec(home)?.[1];
  const video = /href="(\/video\/[^"]+)"/.exec(home)?.[1] ?? "/video";
  return [
    ["home", "/"],
    ["article", article ?? "/"],
    ["section", article ? article.split("/").slice(0, 2).join("/") : "/"],
    ["video", video],
  ];
}

// No --base: the site as `npm start` runs it, on the demo newsroom in a temporary folder.
const dataDir = values.base ? undefined : fs.mkdtempSync(join(os.tmpdir(), "london-daily-lighthouse-"));
const site = dataDir
  ? await startSite(
      { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "true", NODE_ENV: "production", LOG_LEVEL: "warn" },
      Number(process.env.LIGHTHOUSE_PORT ?? 3419),
    )
  : undefined;
const base = values.base ?? site!.url;

const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
let failed = false;
try {
  console.log("page      perf  a11y  best  seo   CLS     LCP(ms)  TBT(ms)");
  for (const [name, path] of await pagesOf(base)) {
    // Several runs: the median of performance, since a busy machine makes single runs noisy.
    const runs = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: Object.keys(FLOORS),
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
      runs.push(result.lhr);
    }
    runs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
    const lhr = runs[Math.floor(runs.length / 2)]!;
    const score = (k: keyof typeof FLOORS) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
    const cls = Number(lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0);
    const lcp = Math.round(Number(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0));
    const tbt = Math.round(Number(lhr.audits["total-blocking-time"]?.numericValue ?? 0));
    const scores = (Object.keys(FLOORS) as (keyof typeof FLOORS)[]).map(score);
    const low = (Object.keys(FLOORS) as (keyof typeof FLOORS)[]).filter((k) => score(k) < FLOORS[k]);
    if (low.length > 0 || cls >= CLS_MAX) failed = true;
    console.log(
      `${name.padEnd(9)} ${scores.map((s) => String(s).padEnd(5)).join(" ")} ${cls.toFixed(3).padEnd(7)} ${String(lcp).padEnd(8)} ${tbt}`,
    );
    for (const k of low)
      for (const ref of lhr.categories[k]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (audit && audit.score !== null && audit.score < 1 && ref.weight > 0)
          console.log(`    ${k}: ${audit.id} — ${audit.title} (${audit.displayValue ?? audit.score})`);
      }
  }
} finally {
  await chrome.kill();
  await site?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
