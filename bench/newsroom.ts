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
import { createSession } from "../src/platform/admin/session.js";
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
const handle = openDatabase(config, values.postgres ? { pgSchema: schema } : {});
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

const saves: number[] = [];
const opens: number[] = [];
const lists: number[] = [];
const publishes: number[] = [];
const liveSaves: number[] = [];
const updates: number[] = [];
const reindexes: number[] = [];
/** Runs the queued re-index jobs one by one, timed, as the runner would after the commits. */
const runQueuedReindex = async () => {
  const jobs = await handle.db
    .selectFrom("jobs")
    .select(["id", "payload"])
    .where("name", "=", REINDEX_JOB)
    .where("status", "=", "queued")
    .orderBy("id")
    .execute();
  for (const job of jobs) {
    const { articleIds } = reindexPayload.parse(JSON.parse(job.payload));
    await timed(reindexes, () => runReindex(handle.db, articleIds, false));
    await handle.db.updateTable("jobs").set({ status: "succeeded" }).where("id", "=", job.id).execute();
  }
};
for (let a = 0; a < 20; a++) {
  let draft = await call("POST", "/articles", { headline: `Bench story ${a} about the river crossing`, sectionId });
  for (let s = 0; s < 20; s++) {
    clock += s % 4 === 0 ? 61_000 : 3_000; // a new revision every few saves, as a writer pausing
    const body = { type: "doc", content: Array.from({ length: 15 }, (_, i) => paragraph(i + s)) };
    await timed(saves, async () => {
      draft = await call("PUT", `/articles/${draft.id}`, { baseVersion: draft.version, body, authorIds: [authorId] });
    });
  }
  await timed(opens, () => call("GET", `/articles/${draft.id}`));
  await timed(lists, () => call("GET", "/articles?limit=50"));
  await timed(publishes, async () => {
    draft = await call("POST", `/articles/${draft.id}/publish`, { baseVersion: draft.version });
  });
  await runQueuedReindex();
  // Autosaves of the published story go to its pending copy; the Update puts them live.
  for (let s = 0; s < 10; s++) {
    clock += s % 4 === 0 ? 61_000 : 3_000;
    const body = { type: "doc", content: Array.from({ length: 15 }, (_, i) => paragraph(i + s + 50)) };
    await timed(liveSaves, async () => {
      draft = await call("PUT", `/articles/${draft.id}`, { baseVersion: draft.version, body });
    });
  }
  await timed(updates, async () => {
    draft = await call("POST", `/articles/${draft.id}/publish`, { baseVersion: draft.version });
  });
  await runQueuedReindex();
}

const fmt = (name: string, ms: number[]) => {
  const s = [...ms].sort((x, y) => x - y);
  return `| ${name} | ${ms.length} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 95).toFixed(1)} | ${s.at(-1)!.toFixed(1)} |`;
};
console.log(`Machine: ${describeMachine()}`);
console.log(`Engine: ${await describeEngine(handle)}; the demo newsroom + 20 new 1,500-word articles`);
console.log("| operation | n | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- | --- |");
console.log(fmt("autosave (PUT, 1,500 words)", saves));
console.log(fmt("open an article (GET)", opens));
console.log(fmt("article list, 50 (GET)", lists));
console.log(fmt("publish (re-index queued)", publishes));
console.log(fmt("autosave of the published story (PUT, 1,500 words)", liveSaves));
console.log(fmt("Update (pending copy goes live; re-index queued)", updates));
console.log(fmt("re-index job (search entry + related lists, after commit)", reindexes));

await app.close();
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
if (values.postgres) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
}
