import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../src/database.js";
import { loadConfig } from "../src/platform/config.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { parseFeed } from "../src/wire/formats/index.js";
import { ingestItems } from "../src/wire/wire-ingest.js";
import { pollProvider } from "../src/wire/wire-poll.js";
import { createProvider, providerInput } from "../src/wire/wire-providers.js";
import { parseSearchQuery } from "../src/discovery/search-query.js";
import { tsQuery } from "../src/wire/wire-search.js";
import { listQueue } from "../src/wire/wire.queries.js";
import { describeEngine, describeMachine, ensurePostgresDatabase, percentile, prng } from "./archive.js";

// npm run bench:wire [-- --postgres] [--queue 100000]: the wire's figures (docs/adr/030), on
// generated copy (our own words, never a real agency's):
// 1. one RSS feed of 10,000 items: parse and store, items/s and the process's memory growth;
// 2. 50 HTTP providers polled one after another, as one worker does each minute: CPU per round
//    (the first round takes 50 items each; later rounds get 304s, then one new item each);
// 3. search in a queue of --queue items (default 100,000): 200 word queries, p95 (target < 50 ms).
//    On PostgreSQL, before and after migration 0053 in one run: the queue is filled with the
//    vectors stored as before (TOASTed) and searched with the query as it was (one statement);
//    then migrated (the rewrite is timed) and searched with the queue's own query.

const { values } = parseArgs({
  options: { postgres: { type: "boolean", default: false }, queue: { type: "string", default: "100000" } },
});
const QUEUE = Number(values.queue);
// A vocabulary with news words and generated ones, drawn Zipf-like (a few words in most items,
// most words in few), so a query is as selective as on a real desk.
const random = prng(7);
const NEWS = (
  "council river bridge ferry market library school hospital budget vote police fire station rail strike " +
  "housing rent tenant mayor borough museum theatre festival flood storm weather traffic cycle lane bus"
).split(" ");
const SYLLABLES = "ka ro ven tal mi sor pe lun dra fe gos hi bar nu cle tor wy ash".split(" ");
const WORDS = [...NEWS];
while (WORDS.length < 6000) {
  const n = 2 + Math.floor(random() * 2);
  WORDS.push(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(""));
}
const pick = () => WORDS[Math.floor(WORDS.length * random() ** 2.5)]!;
const sentence = (n: number) => Array.from({ length: n }, pick).join(" ");

function rssFeed(prefix: string, count: number, from = 0): string {
  const items: string[] = [];
  for (let i = from; i < from + count; i++) {
    const body = Array.from({ length: 6 }, () => `<p>${sentence(25)}.</p>`).join("");
    items.push(
      `<item><title>${sentence(8)}</title><guid>${prefix}-${i}</guid><pubDate>Mon, 07 Dec 2026 09:00:00 GMT</pubDate>` +
        `<description>${sentence(20)}</description><content:encoded><![CDATA[${body}]]></content:encoded></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench Agency</title>${items.join("")}</channel></rss>`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wire-bench-"));
const pgUrl = "postgres://postgres@127.0.0.1:5432/london_daily_bench_wire";
if (values.postgres) {
  await ensurePostgresDatabase(pgUrl);
}
const config = loadConfig({
  DATA_DIR: dir,
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  ...(values.postgres ? { DATABASE_URL: pgUrl } : {}),
});
const handle = openDatabase(config);
const { db } = handle;
if (values.postgres) {
  for (const t of ["wire_uses", "wire_item_versions", "wire_items", "wire_providers"])
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db).catch(() => undefined);
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
const BEFORE_INLINE = "2026-12-07-0052-search-bylines";
await migrateToLatest(db, handle.dialect, values.postgres ? BEFORE_INLINE : undefined);
const now = () => new Date();
const say = (line: string) => console.log(line);
say(`Machine: ${describeMachine()}`);
say(`Engine: ${await describeEngine(handle)}`);

// 1. One feed of 10,000 items.
{
  const bytes = Buffer.from(rssFeed("big", 10_000));
  const provider = await createProvider(
    db,
    providerInput.parse({ name: "Big feed", sourceKind: "http", source: "https://wire.example/big", format: "rss" }),
    { userId: null },
    now(),
  );
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const parsed = await parseFeed("rss", bytes);
  const t1 = performance.now();
  const rssPeak = process.memoryUsage().rss;
  await ingestItems(db, { id: provider, section_id: null, default_urgency: null }, parsed.items, {
    versioned: false,
    now: now(),
  });
  const t2 = performance.now();
  say(
    `10,000-item feed (${(bytes.length / 1048576).toFixed(1)} MB): parse ${(t1 - t0).toFixed(0)} ms, store ${(t2 - t1).toFixed(0)} ms, ` +
      `${Math.round(10_000 / ((t2 - t0) / 1000))} items/s overall, memory +${((Math.max(rssPeak, process.memoryUsage().rss) - rss0) / 1048576).toFixed(0)} MB`,
  );
}

// 2. Fifty providers, polled one after another.
{
  const feeds = new Map<string, { body: string; etag: string }>();
  for (let p = 0; p < 50; p++) feeds.set(`/p${p}`, { body: rssFeed(`p${p}`, 50), etag: `"p${p}-1"` });
  const server = http.createServer((req, res) => {
    const feed = feeds.get(req.url ?? "");
    if (!feed) return res.writeHead(404).end();
    if (req.headers["if-none-match"] === feed.etag) return res.writeHead(304).end();
    res.writeHead(200, { etag: feed.etag, "content-type": "application/rss+xml" }).end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ids: number[] = [];
  for (let p = 0; p < 50; p++) {
    ids.push(
      await createProvider(
        db,
        providerInput.parse({
          name: `Provider ${p}`,
          sourceKind: "http",
          source: `${base}/p${p}`,
          format: "rss",
          intervalSeconds: 60,
        }),
        { userId: null },
        now(),
      ),
    );
  }
  const round = async (label: string) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const id of ids)
      await pollProvider({ db, now, http: { allowedHosts: new Set(["127.0.0.1"]) } }, id, { force: true });
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    say(
      `50 providers, ${label}: ${(performance.now() - t0).toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${((cpuMs / 60_000) * 100).toFixed(1)} % of one core per minute)`,
    );
  };
  await round("first round (50 items each)");
  await round("nothing new (304)");
  for (let p = 0; p < 50; p++) feeds.set(`/p${p}`, { body: rssFeed(`p${p}`, 50, 1), etag: `"p${p}-2"` });
  await round("one new item each (full feeds re-read)");
  server.closeAllConnections();
  server.close();
}

// 3. Search in a queue of QUEUE items.
{
  const existing = Number(
    (
      await db
        .selectFrom("wire_items")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const provider = await createProvider(
    db,
    providerInput.parse({
      name: "Queue filler",
      sourceKind: "http",
      source: "https://wire.example/fill",
      format: "rss",
    }),
    { userId: null },
    now(),
  );
  const t0 = performance.now();
  for (let done = existing; done < QUEUE; done += 2000) {
    const parsed = await parseFeed("rss", Buffer.from(rssFeed("fill", Math.min(2000, QUEUE - done), done)));
    await ingestItems(db, { id: provider, section_id: null, default_urgency: null }, parsed.items, {
      versioned: false,
      now: now(),
    });
  }
  say(`Queue filled to ${QUEUE.toLocaleString("en-GB")} items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (handle.dialect === "postgres") await sql`analyze`.execute(db);
  const queries = Array.from({ length: 200 }, (_, i) =>
    i % 4 === 0 ? `"${pick()} ${pick()}"` : i % 2 ? `${pick()} ${pick()}` : pick(),
  );
  const measure = async (label: string, search: (q: string) => Promise<unknown>) => {
    for (const q of queries.slice(0, 20)) await search(q);
    const times: number[] = [];
    const phrases: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await search(q);
      times.push(performance.now() - t);
      if (q.startsWith('"')) phrases.push(times[times.length - 1]!);
    }
    times.sort((a, b) => a - b);
    phrases.sort((a, b) => a - b);
    say(
      `Queue search${label}, 200 queries, first page of 50: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
        `slowest ${times[times.length - 1]!.toFixed(0)} ms; the 50 phrases: p95 ${percentile(phrases, 95).toFixed(1)} ms (target < 50 ms)`,
    );
  };
  if (handle.dialect === "postgres") {
    // The query as it was before migration 0053: words and phrases in one statement.
    const before = (q: string) =>
      sql`select i.id, p.name, i.headline, i.standfirst, i.text,
          (select count(*) from wire_uses u where u.item_id = i.id) as uses
        from wire_items i join wire_providers p on p.id = i.provider_id
        where i.search @@ ${tsQuery(parseSearchQuery(q))}
        order by i.updated_at desc, i.id desc limit 51`.execute(db);
    await measure(" before (vectors TOASTed, one statement)", before);
    const t1 = performance.now();
    await migrateToLatest(db, handle.dialect);
    const t2 = performance.now();
    // The rewrite leaves a dead version of every row; autovacuum would clear them in service.
    await sql`vacuum analyze wire_items`.execute(db);
    say(
      `Migration 0053 (vectors into the rows): ${((t2 - t1) / 1000).toFixed(0)} s for the queue, then vacuum ${((performance.now() - t2) / 1000).toFixed(0)} s`,
    );
    await measure(" before's query on the migrated queue", before);
    await measure(" after", (q) => listQueue(db, { q, limit: 50 }));
  } else {
    await measure("", (q) => listQueue(db, { q, limit: 50 }));
  }
  const list: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await listQueue(db, { limit: 50 });
    list.push(performance.now() - t);
  }
  list.sort((a, b) => a - b);
  say(`Queue first page without words: p95 ${percentile(list, 95).toFixed(1)} ms`);
}

await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
