import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { loadConfig } from "../src/platform/config.js";
import { buildApp } from "../src/app.js";
import { generateCorpus } from "../bench/corpus.js";

const dir = process.env.PROF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "sm-prof-"));
const fresh = !fs.existsSync(path.join(dir, "ready"));
const env = { ...process.env, DATA_DIR: dir, SEED_DEMO: "true", NODE_ENV: "production", LOG_LEVEL: "warn", PAGE_CACHE_MB: "0" };
const config = loadConfig(env);
const stats = new Map<string, { n: number; ms: number }>();
let collect = false;
const handle = openDatabase(config, { onQuery: (e) => { if (!collect) return; const k = e.query.sql.slice(0, 160); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } });
await prepareDatabase(handle, config);
if (fresh) { await generateCorpus(handle.db, 2000, new Date()); fs.writeFileSync(path.join(dir, "ready"), ""); }
const slugs = await handle.db.selectFrom("articles as a").innerJoin("sections as s", "s.id", "a.section_id")
  .select(["a.slug", "s.slug as section"]).where("a.status", "=", "published").orderBy("a.id").limit(200).execute();
const app = await buildApp({ config, db: handle.db, logger: false });
await app.ready();
const urls = slugs.map((s) => `/${s.section}/${s.slug}`);
for (const which of ["article", "home"]) {
  for (let round = 0; round < 2; round++) {
    collect = round === 1; stats.clear();
    const n = which === "home" ? 300 : 1000;
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ url: which === "home" ? "/" : urls[i % urls.length]! });
      if (res.statusCode !== 200) throw new Error(String(res.statusCode));
    }
    console.log(which, ((performance.now() - t) / n).toFixed(3), "ms/req");
    if (collect) for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log((v.ms / n).toFixed(3), (v.n / n).toFixed(2), k);
  }
}
await app.close(); await handle.destroy();
console.log(dir);
