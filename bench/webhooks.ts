import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { prepareDatabase } from "../src/bootstrap.js";
import { openDatabase } from "../src/database.js";
import { createJobRunner } from "../src/jobs.js";
import { recordArticleEvent } from "../src/newsroom/articles/article-events.js";
import { loadConfig } from "../src/platform/config.js";
import { createMailer } from "../src/platform/mail/mailer.js";
import { ensurePostgresDatabase, machineNow } from "./archive.js";

// npm run bench:webhooks [-- --events 1000] [--lanes 1000] [--postgres]
// One webhook listening to article.updated on a local receiver; --events changes recorded in a
// burst, one transaction each, through the path an Update takes (recordArticleEvent: the event,
// its delivery and the delivery's job in the change's transaction), spread over --lanes articles
// (a lane delivers in order, one at a time). The job runner the worker runs (createJobRunner: two
// jobs at a time, a poll a second when idle) delivers them. Prints the latency from an event's
// recording (its createdAt) to its receipt, p50/p99/max, and the total time from the first recording
// to the last receipt. --postgres uses DATABASE_URL (default the local `bench` database) in a
// throw-away schema.

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000" },
    lanes: { type: "string", default: "1000" },
    postgres: { type: "boolean", default: false },
  },
});
const events = Number(values.events);
const lanes = Math.min(Number(values.lanes), events);
const pgSchema = values.postgres ? `webhooks_${process.pid}` : undefined;

const received: number[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const at = Date.now();
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { createdAt: string };
    received.push(at - Date.parse(body.createdAt));
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-webhooks-"));
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  SEED_DEMO: "false",
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  ...(pgSchema ? { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench" } : {}),
});
if (pgSchema) {
  await ensurePostgresDatabase(config.databaseUrl!);
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query(`create schema ${pgSchema}`);
  await client.end();
}
const handle = openDatabase(config, pgSchema ? { pgSchema } : {});
const db = handle.db;
try {
  await prepareDatabase(handle, config);
  const at = new Date().toISOString();
  const section = await db
    .insertInto("sections")
    .values({ slug: "news", name: "News", position: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const articleIds: number[] = [];
  for (let i = 0; i < lanes; i++) {
    const row = await db
      .insertInto("articles")
      .values({
        slug: `story-${i}`,
        headline: `Story ${i}`,
        standfirst: "",
        body: JSON.stringify({ type: "doc", content: [] }),
        section_id: section.id,
        status: "published",
        published_at: at,
        updated_at: at,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    articleIds.push(row.id);
  }
  await db
    .insertInto("webhooks")
    .values({
      name: "Bench receiver",
      url: receiverUrl,
      events: JSON.stringify(["article.updated"]),
      secret: "bench-secret-bench-secret",
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .execute();
  await db.insertInto("webhook_allowed_hosts").values({ host: "127.0.0.1", created_at: at }).execute();

  const runner = await createJobRunner({
    db,
    config,
    mailer: createMailer(config),
    now: () => new Date(),
    schedules: false,
  });
  runner.start();
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    await db
      .transaction()
      .execute((trx) => recordArticleEvent(trx, "article.updated", articleIds[i % lanes]!, new Date()));
  }
  const recorded = performance.now() - started;
  const deadline = Date.now() + 600_000;
  while (received.length < events && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const total = performance.now() - started;
  await runner.stop();

  const sorted = [...received].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  console.log(
    `${pgSchema ? "PostgreSQL" : "SQLite"}: ${events.toLocaleString("en-GB")} events over ${lanes.toLocaleString("en-GB")} lanes ` +
      `recorded in ${(recorded / 1000).toFixed(1)} s (${Math.round(events / (recorded / 1000))}/s); ` +
      `${received.length.toLocaleString("en-GB")} received, the last ${(total / 1000).toFixed(1)} s after the first recording ` +
      `(${Math.round(received.length / (total / 1000))} deliveries/s)`,
  );
  console.log(`  latency from recording to receipt: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms`);
  console.log(`  ${machineNow()}`);
} finally {
  if (pgSchema) await db.schema.dropSchema(pgSchema).ifExists().cascade().execute();
  await handle.destroy();
  receiver.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
