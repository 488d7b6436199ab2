import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import type { Database, Db } from "../src/database.js";
import { loadArticleFigures } from "../src/audience/article-figures.js";
import { AudienceCounter } from "../src/audience/audience-counter.js";
import { rollUpAudience } from "../src/audience/audience-rollup.js";
import { loadNow } from "../src/audience/now.queries.js";
import { loadOverview } from "../src/audience/overview.js";
import { addDays } from "../src/audience/periods.js";
import { moveRollupWindows } from "../src/audience/rollup-writes.js";
import type { SourceKind } from "../src/audience/audience.table.js";
import { type DatabaseHandle, connectDatabase } from "../src/platform/db/connect.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { zonedIsoDate } from "../src/platform/time.js";
import { describeEngine, describeMachine, ensurePostgresDatabase, percentile, prng } from "./archive.js";

// npm run bench:audience [-- --postgres]: the audience desk's screens over 100,000 articles and
// 30 days of rollups (target: p95 < 100 ms), and the storage a million views take. Its own
// throw-away database: a SQLite file under the OS temp dir, or a fresh schema in the `bench`
// PostgreSQL database (dropped at the end).

const { values } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    articles: { type: "string", default: "100000" },
    "daily-stories": { type: "string", default: "6000" },
    runs: { type: "string", default: "30" },
    views: { type: "string", default: "1000000" },
  },
});
const ARTICLES = Number(values.articles);
const DAILY = Number(values["daily-stories"]);
const RUNS = Number(values.runs);
const VIEWS = Number(values.views);
const TZ = "Europe/London";
const TARGET_P95 = 100;
const log = (line: string) => process.stderr.write(`${line}\n`);

let handle: DatabaseHandle<Database>;
let dropSchema: (() => Promise<void>) | undefined;
let sqliteDir: string | undefined;
if (values.postgres) {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench";
  await ensurePostgresDatabase(url);
  const schema = `audience_${process.pid}`;
  const admin = connectDatabase<any>({ databaseUrl: url, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  handle = connectDatabase<Database>({ databaseUrl: url, pgSchema: schema });
  dropSchema = async () => {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.destroy();
  };
} else {
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-audience-"));
  handle = connectDatabase<Database>({ sqliteFile: path.join(sqliteDir, "bench.sqlite") });
}
const { db } = handle;
await migrateToLatest(db, handle.dialect);
const now = new Date();
const today = zonedIsoDate(now, TZ);
const random = prng(7);

async function insertAll<T>(table: keyof Database, rows: T[], chunk = 500, into: Db = db) {
  for (let i = 0; i < rows.length; i += chunk)
    await into
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

// 100,000 articles over five years in 8 sections, the newest last.
let t = performance.now();
const sectionIds: number[] = [];
for (let s = 0; s < 8; s++) {
  const row = await db
    .insertInto("sections")
    .values({ slug: `section-${s}`, name: `Section ${s}`, position: s })
    .returning("id")
    .executeTakeFirstOrThrow();
  sectionIds.push(row.id);
}
const span = 5 * 365 * 86_400_000;
const articles = Array.from({ length: ARTICLES }, (_, i) => {
  const at = new Date(now.getTime() - span + (span * i) / ARTICLES).toISOString();
  return {
    slug: `story-${i}`,
    headline: `Story number ${i}`,
    standfirst: "",
    kicker: "",
    body: '{"type":"doc","content":[]}',
    section_id: sectionIds[i % 8]!,
    status: "published" as const,
    published_at: at,
    updated_at: at,
    created_at: at,
  };
});
await db.transaction().execute(async (trx) => insertAll("articles", articles, 200, trx));
const ids = (await db.selectFrom("articles").select("id").orderBy("id").execute()).map((r) => r.id);
log(`${ARTICLES.toLocaleString("en-GB")} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// 30 days of day rollups: each day DAILY stories read (the newest most, a long tail of the
// archive), each with 3 of the sources; visitor counts per story; 48 hours of minute rollups.
t = performance.now();
const SOURCES: [SourceKind, string][] = [
  ["direct", ""],
  ["internal", ""],
  ["search", "Google"],
  ["social", "X"],
  ["newsletter", "morning-headlines/x"],
  ["other", "example.org"],
];
const pick = () => {
  // Zipf-like over the archive: most views on the newest stories.
  const r = random();
  return ids[Math.max(0, ids.length - 1 - Math.floor(ids.length * r ** 4))]!;
};
let dayRows = 0;
let visitorRows = 0;
for (let d = 0; d < 30; d++) {
  const day = addDays(today, -d);
  const stories = new Set<number>();
  while (stories.size < DAILY) stories.add(pick());
  const rows: Database["audience_days"][] = [];
  const visitors: Database["audience_day_visitors"][] = [];
  for (const id of stories) {
    const base = 1 + Math.floor(200 * random() ** 3);
    for (let k = 0; k < 3; k++) {
      const [source, referrer] = SOURCES[Math.floor(random() * SOURCES.length)]!;
      rows.push({
        day,
        article_id: id,
        source,
        referrer,
        campaign: "",
        views: base,
        engaged_seconds: base * 40,
        signups: 0,
      });
    }
    visitors.push({ day, article_id: id, visitors: Math.ceil(base * 1.5) });
  }
  // Duplicate keys (a story drawing the same source twice) collapse into one row.
  const unique = new Map(rows.map((r) => [`${r.article_id}|${r.source}|${r.referrer}`, r]));
  await db.transaction().execute(async (trx) => {
    await insertAll("audience_days", [...unique.values()], 500, trx);
    await insertAll("audience_day_visitors", [...visitors, { day, article_id: -1, visitors: DAILY * 20 }], 500, trx);
  });
  dayRows += unique.size;
  visitorRows += visitors.length + 1;
}
const minuteRows: Database["audience_minutes"][] = [];
for (let m = 0; m < 48 * 60; m++) {
  const minute = new Date(now.getTime() - m * 60_000).toISOString().slice(0, 16);
  const seen = new Set<number>();
  for (let k = 0; k < 60; k++) seen.add(pick());
  for (const id of seen)
    minuteRows.push({
      minute,
      article_id: id,
      source: "direct",
      referrer: "",
      views: 2,
      engaged_seconds: 60,
      signups: 0,
    });
}
await db.transaction().execute(async (trx) => insertAll("audience_minutes", minuteRows, 500, trx));
const presence = Array.from({ length: 3000 }, (_, i) => ({
  page_view: `pv${i}`,
  article_id: pick(),
  source: "direct",
  referrer: "",
  seen_at: new Date(now.getTime() - Math.floor(random() * 290_000)).toISOString(),
}));
await insertAll("audience_presence", presence);
// The screens' rollups from the rows just written, as migration 0051 fills them, then the windows
// as the roll-up job moves them (docs/adr/037).
await fillRollups(db);
await moveRollupWindows(db, today);
if (handle.dialect === "postgres") await sql`analyze`.execute(db);
log(
  `Rollups: ${dayRows.toLocaleString("en-GB")} day rows, ${visitorRows.toLocaleString("en-GB")} day-visitor rows, ` +
    `${minuteRows.length.toLocaleString("en-GB")} minute rows, in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

async function fillRollups(into: Db) {
  await sql`insert into audience_site_days (day, source, referrer, campaign, views, engaged_seconds, signups)
    select day, source, referrer, campaign, sum(views), sum(engaged_seconds), sum(signups)
    from audience_days group by day, source, referrer, campaign`.execute(into);
  await sql`insert into audience_article_days (day, article_id, views, engaged_seconds, signups)
    select day, article_id, sum(views), sum(engaged_seconds), sum(signups)
    from audience_days where article_id > 0 group by day, article_id`.execute(into);
  await sql`insert into audience_section_days (day, section_id, views, engaged_seconds, signups)
    select d.day, a.section_id, sum(d.views), sum(d.engaged_seconds), sum(d.signups)
    from audience_days d join articles a on a.id = d.article_id group by d.day, a.section_id`.execute(into);
  await sql`insert into audience_site_minutes (minute, views, engaged_seconds, signups)
    select minute, sum(views), sum(engaged_seconds), sum(signups) from audience_minutes group by minute`.execute(into);
}

// The screens' queries, timed.
const newest = await db
  .selectFrom("articles")
  .select(["id", "headline", "section_id", "published_at"])
  .where("id", ">", ids[ids.length - 2000]!)
  .execute();
const timings: Record<string, number[]> = {};
async function time(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  timings[name] = out.sort((a, b) => a - b);
}
await time("Now", () => loadNow(db, now));
await time("Today", () => loadOverview(db, "today", now, TZ));
await time("7 days", () => loadOverview(db, "7d", now, TZ));
await time("30 days", () => loadOverview(db, "30d", now, TZ));
let n = 0;
await time("one story since publication (with section median)", () =>
  loadArticleFigures(db, newest[n++ % newest.length]!, { now, timeZone: TZ }),
);

// Storage: a million views through the real counter and write path, one newsroom day.
const RAW = ["audience_minutes", "audience_days", "audience_visitors", "audience_day_visitors", "audience_presence"];
const ROLLUPS = [
  "audience_site_days",
  "audience_article_days",
  "audience_section_days",
  "audience_site_minutes",
  "audience_period_articles",
];
async function bytes(tables: string[]): Promise<number> {
  if (handle.dialect === "postgres") {
    const r = await sql<{ n: string }>`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c
      join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and c.relname in (${sql.join(tables)})`.execute(db);
    return Number(r.rows[0]!.n);
  }
  const r = await sql<{ n: number }>`select sum(pgsize) as n from dbstat where name in (${sql.join(tables)})
    or name in (select name from sqlite_master where tbl_name in (${sql.join(tables)}))`.execute(db);
  return Number(r.rows[0]!.n);
}
for (const table of [...RAW, ...ROLLUPS]) await db.deleteFrom(table as keyof Database).execute();
// The windows end today, so the million views are added to them as a day's flushes would.
await moveRollupWindows(db, addDays(today, -1));
await moveRollupWindows(db, today);
if (handle.dialect === "postgres") await sql`vacuum full`.execute(db);
else await sql`vacuum`.execute(db);
const sizes = async () => ({ raw: await bytes(RAW), rollups: await bytes(ROLLUPS) });
const empty = await sizes();
t = performance.now();
const day = new Date(`${today}T00:00:00Z`);
let clock = new Date(day);
const counter = new AudienceCounter(TZ, () => clock);
const referrers: [SourceKind, string][] = [
  ...SOURCES,
  ...Array.from({ length: 40 }, (_, i): [SourceKind, string] => ["other", `site-${i}.example`]),
];
for (let i = 0; i < VIEWS; i++) {
  // Spread over the day's minutes; 300,000 visitors; 2,000 stories read that day.
  clock = new Date(day.getTime() + Math.floor((i / VIEWS) * 86_400_000 * 0.99));
  const [kind, referrer] = referrers[Math.floor(random() ** 2 * referrers.length)]!;
  const visitor = Math.floor(random() * 300_000);
  counter.record({
    kind: "view",
    pageView: `p${i}`,
    articleId: ids[ids.length - 1 - Math.floor(2000 * random() ** 2)]!,
    source: { kind, referrer, campaign: "" },
    visitor: `v${visitor.toString(36).padStart(20, "0")}`,
  });
  if (i % 20_000 === 19_999) await counter.flush(db);
}
await counter.flush(db);
const ingestSeconds = (performance.now() - t) / 1000;
const dayOf = await sizes();
await rollUpAudience(db, { now: new Date(day.getTime() + 2 * 86_400_000), today: addDays(today, 2) });
if (handle.dialect === "postgres") await sql`vacuum full`.execute(db);
else await sql`vacuum`.execute(db);
const after = await sizes();
const rows = async (table: keyof Database) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
const rowCounts = `${(await rows("audience_days")).toLocaleString("en-GB")} day rows, ${(await rows("audience_day_visitors")).toLocaleString("en-GB")} day-visitor rows`;

console.log(`\n## Audience desk (${await describeEngine(handle)})\n`);
console.log(`${describeMachine()}`);
console.log(
  `${ARTICLES.toLocaleString("en-GB")} articles; 30 days of rollups (${DAILY.toLocaleString("en-GB")} stories read a day, ` +
    `${dayRows.toLocaleString("en-GB")} day rows) and 48 hours of minutes (${minuteRows.length.toLocaleString("en-GB")} rows); ${RUNS} runs after a warm-up.\n`,
);
console.log("| screen | p50 ms | p95 ms | max ms | target p95 < 100 ms |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const [name, sorted] of Object.entries(timings)) {
  const p95 = percentile(sorted, 95);
  console.log(
    `| ${name} | ${percentile(sorted, 50).toFixed(1)} | ${p95.toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} | ${p95 < TARGET_P95 ? "met" : "MISSED"} |`,
  );
}
console.log(
  `\nStorage for ${VIEWS.toLocaleString("en-GB")} views in one day (2,000 stories, 46 referrers, 300,000 visitors), ` +
    `written through the counter in ${ingestSeconds.toFixed(1)} s:\n`,
);
const perView = (b: number) => ((b / VIEWS) * 1e6) / 2 ** 20;
console.log(`| | raw tables: MB per million views | rollups: MB per million views | bytes per view (raw + rollups) |`);
console.log(`| --- | ---: | ---: | ---: |`);
const line = (label: string, s: { raw: number; rollups: number }) =>
  console.log(
    `| ${label} | ${perView(s.raw - empty.raw).toFixed(1)} | ${perView(s.rollups - empty.rollups).toFixed(1)} | ` +
      `${((s.raw - empty.raw + s.rollups - empty.rollups) / VIEWS).toFixed(1)} |`,
  );
line("during the day (minutes, day rows, visitor hashes, presence; rollups)", dayOf);
line(`kept for good once the day is rolled up and minutes expire (${rowCounts})`, after);
console.log(`\nRaw: ${RAW.join(", ")}. Rollups: ${ROLLUPS.join(", ")}. Empty tables not counted.`);

await handle.destroy();
await dropSchema?.();
if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
