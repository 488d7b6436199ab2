import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { openDatabase } from "../src/database.js";
import { seedDemo } from "../src/demo/seed.js";
import { REINDEX_JOB, reindexPayload, runReindex } from "../src/discovery/reindex-job.js";
import { createSession } from "../src/newsroom/auth/session.js";
import { loadConfig } from "../src/platform/config.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { describeEngine, describeMachine, percentile } from "./archive.js";

// npm run bench:newsroom [-- --postgres]: how fast the newsroom answers what an editor does most,
// in-process through Fastify's inject (no network), on the demo newsroom: autosaves of a
// 1,500-word article (each one a new revision or a coalesced one, with the conflict check and
// the audit entry), opening an article, the article list, publishing, autosaves of the published
// story (its pending copy, docs/adr/019) and its Update; then the re-index job each publication
// and Update queued (search entry, related lists of the article and the stories it affects),
// which runs after commit, out of the editor's request.

const { values } = parseArgs({ options: { postgres: { type: "boolean", default: false } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-newsroom-"));
const pgUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_${randomBytes(4).toString("hex")}`;
if (values.postgres) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
}
const config = loadConfig({
  DATA_DIR: dir,
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  ...(values.postgres ? { DATABASE_URL: pgUrl } : {}),
});
const qstats = new Map<string, { n: number; ms: number }>();
let collect = false;
const handle = openDatabase(config, { ...(values.postgres ? { pgSchema: schema } : {}), onQuery: (e) => { if (!collect) return; const k = e.query.sql.slice(0, 140); const q = qstats.get(k) ?? { n: 0, ms: 0 }; q.n++; q.ms += e.queryDurationMillis; qstats.set(k, q); } });
await migrateToLatest(handle.db, handle.dialect);
let clock = Date.now();
const now = () => new Date(clock);
await seedDemo(handle.db, { dataDir: dir, now: now(), timeZone: config.timeZone });
const user = await handle.db
  .insertInto("users")
  .values({
    email: "bench@example.org",
    name: "Bench Editor",
    role: "editor",
    password_hash: "!",
    created_at: now().toISOString(),
    updated_at: now().toISOString(),
  })
  .returning("id")
  .executeTakeFirstOrThrow();
const { token, csrfToken } = await createSession(handle.db, user.id, now(), { ip: "127.0.0.1", userAgent: "bench" });
const headers = { cookie: `ld_session=${token}`, "x-csrf-token": csrfToken };
const app = await buildApp({ config, db: handle.db, now, logger: false });

const call = async (method: "GET" | "POST" | "PUT", url: string, payload?: object) => {
  const res = await app.inject({ method, url: `/api/newsroom${url}`, headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
};
const timed = async (samples: number[], fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  samples.push(performance.now() - t);
};
const words = "the council said on tuesday that the river crossing would reopen after repairs to its deck".split(" ");
const paragraph = (i: number) => ({
  type: "paragraph",
  content: [
    { type: "text", text: Array.from({ length: 100 }, (_, w) => words[(i * 7 + w) % words.length]).join(" ") + "." },
  ],
});
const sectionId = (await call("GET", "/sections")).items[0].id;
const authorId = (await call("GET", "/authors")).items[0].id;

const liveSaves: number[] = [];
let draft = await call("POST", "/articles", { headline: `Bench story about the river crossing`, sectionId });
draft = await call("PUT", `/articles/${draft.id}`, { baseVersion: draft.version, body: { type: "doc", content: Array.from({ length: 15 }, (_, i) => paragraph(i)) }, authorIds: [authorId] });
draft = await call("POST", `/articles/${draft.id}/publish`, { baseVersion: draft.version });
for (let s = 0; s < 300; s++) {
  collect = s >= 100;
  clock += s % 4 === 0 ? 61_000 : 3_000;
  const body = { type: "doc", content: Array.from({ length: 15 }, (_, i) => paragraph(i + s + 50)) };
  await timed(liveSaves, async () => { draft = await call("PUT", `/articles/${draft.id}`, { baseVersion: draft.version, body }); });
}
for (const [k, v] of [...qstats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40)) console.log((v.ms / 200).toFixed(3), (v.n / 200).toFixed(2), k);
const fmt = (name: string, ms: number[]) => {
  const s = [...ms].sort((x, y) => x - y);
  return `| ${name} | ${ms.length} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 95).toFixed(1)} | ${s.at(-1)!.toFixed(1)} |`;
};
console.log(`Machine: ${describeMachine()}`);
console.log(`Engine: ${await describeEngine(handle)}; the demo newsroom + 20 new 1,500-word articles`);
console.log(fmt("autosave published", liveSaves.slice(100)));
process.exit(0);
