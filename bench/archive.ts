import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Insertable, type Kysely, sql } from "kysely";
import SQLite from "better-sqlite3";
import pg from "pg";
import type { Database } from "../src/database.js";
import { rebuildDiscoveryIndex } from "../src/discovery/discovery-index.js";
import { type DatabaseHandle, connectDatabase } from "../src/platform/db/connect.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { slugify } from "../src/platform/slug.js";
import { CORPUS, DUPLICATES } from "./related-eval.js";

// The 100,000-article benchmark archive (npm run bench:archive [-- --postgres]), built once and
// cached. Synthetic stories recombine paragraphs of BBC stories of the SAME category (a headline
// and lead from one story, 3–7 more paragraphs from others), so vocabulary and topic structure are
// realistic while no two texts are the same. BBC copyright: evaluation and benchmarks only; the
// archive lives under the OS temp dir (SQLite) or in a `bench` database (PostgreSQL), never here.
// Only the discovery index is built (term vectors, term_stats, full-text search), not the 100k
// related lists: the benchmarks rank and search against that index.

const GENERATOR = 1; // bump when the generated content changes
const SIZE = Number(process.env.BENCH_ARCHIVE_SIZE ?? 100_000);
const DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench";
const YEARS = 5;

const SECTIONS: Record<string, { slug: string; name: string }> = {
  business: { slug: "business", name: "Business" },
  entertainment: { slug: "culture", name: "Culture" },
  politics: { slug: "politics", name: "Politics" },
  sport: { slug: "sport", name: "Sport" },
  tech: { slug: "technology", name: "Technology" },
};

const TAGS: Record<string, string[]> = {
  business: ["Interest rates", "Markets", "Jobs", "Oil", "Retail", "Banking", "Aviation", "Economy"],
  entertainment: ["Film", "Music", "Television", "Awards", "Theatre", "Books", "Celebrity", "Box office"],
  politics: ["Elections", "Labour", "Conservatives", "Liberal Democrats", "Immigration", "Home Office", "EU", "NHS"],
  sport: ["Football", "Rugby", "Tennis", "Athletics", "Cricket", "Six Nations", "Premier League", "Olympics"],
  tech: ["Mobile", "Games", "Internet", "Security", "Broadband", "Gadgets", "Software", "Music downloads"],
};

const AUTHORS = [
  "Amara Okafor",
  "Ben Hollis",
  "Chloe Marsh",
  "Dev Patel",
  "Eleanor Quist",
  "Farid Haddad",
  "Grace Lindqvist",
  "Harry Ndlovu",
  "Isla MacLeod",
  "Jonah Feld",
  "Kiran Bose",
  "Lucy Ferreira",
  "Marek Nowak",
  "Nadia Rahman",
  "Owen Pryce",
  "Priya Sethi",
  "Rosa Delgado",
  "Sam Whitlock",
  "Tomasz Zielinski",
  "Yara Haddad",
];

interface Story {
  id: number;
  category: string;
  title: string;
  paragraphs: string[];
}

export interface ArchiveMeta {
  version: string;
  articles: number;
  builtAt: string;
  buildSeconds: number;
}

export interface Archive {
  handle: DatabaseHandle<Database>;
  meta: ArchiveMeta;
  /** Where it is: the SQLite file or the PostgreSQL database and schema. */
  location: string;
  /** Seconds spent opening it this time (building it the first time). */
  openSeconds: number;
  built: boolean;
  /** The query planner has table statistics (SQLite: only with --analyze). */
  statistics: boolean;
}

/** Mulberry32: a small, fast, seeded PRNG (the same archive on every machine). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Keyed by the generator, the size and the sources that shape the index (text analysis, vectors, schema). */
function archiveVersion(): string {
  const hash = createHash("sha256").update(`${GENERATOR}:${SIZE}`);
  for (const file of [
    "src/discovery/text.ts",
    "src/discovery/related-model.ts",
    "src/platform/migrations/2026-11-29-0004-discovery-index.ts",
  ]) {
    hash.update(fs.readFileSync(path.resolve(import.meta.dirname, "..", file)));
  }
  return `${SIZE}_${hash.digest("hex").slice(0, 10)}`;
}

function readStories(): Story[] {
  if (!fs.existsSync(CORPUS)) throw new Error(`The BBC corpus is not at ${CORPUS}: no archive to build.`);
  const duplicates = new Set(
    fs
      .readFileSync(DUPLICATES, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id_b: number }).id_b),
  );
  return fs
    .readFileSync(CORPUS, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: number; category: string; title: string; body: string })
    .filter((r) => !duplicates.has(r.id))
    .map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title.trim(),
      paragraphs: r.body
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, " ").trim())
        .filter(Boolean),
    }));
}

const doc = (paragraphs: string[]) =>
  JSON.stringify({
    type: "doc",
    content: paragraphs.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })),
  });

async function insertArchive(db: Kysely<Database>, anchor: Date, log: (line: string) => void): Promise<void> {
  const stories = readStories();
  const byCategory = new Map<string, Story[]>();
  for (const s of stories) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const categories = [...byCategory.keys()].sort();
  log(`  ${stories.length} BBC stories after dropping duplicates, ${categories.length} categories`);

  const sectionIds = new Map<string, number>();
  const tagIds = new Map<string, number[]>();
  await db.transaction().execute(async (trx) => {
    for (const [position, category] of categories.entries()) {
      const s = SECTIONS[category] ?? { slug: slugify(category), name: category };
      const row = await trx
        .insertInto("sections")
        .values({ slug: s.slug, name: s.name, position })
        .returning("id")
        .executeTakeFirstOrThrow();
      sectionIds.set(category, row.id);
      const ids: number[] = [];
      for (const name of TAGS[category] ?? []) {
        const tag = await trx
          .insertInto("tags")
          .values({ slug: slugify(name), name })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids.push(tag.id);
      }
      tagIds.set(category, ids);
    }
    for (const name of AUTHORS)
      await trx
        .insertInto("authors")
        .values({ slug: slugify(name), name })
        .execute();
  });
  const authorIds = (await db.selectFrom("authors").select("id").orderBy("id").execute()).map((a) => a.id);

  const r = prng(20261129);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  const span = YEARS * 365.25 * 86_400_000;
  const perTransaction = 5000;
  const perInsert = 400;
  const started = performance.now();
  for (let start = 0; start < SIZE; start += perTransaction) {
    const articles: Insertable<Database["articles"]>[] = [];
    const authors: { article_id: number; author_id: number; position: number }[] = [];
    const tags: { article_id: number; tag_id: number }[] = [];
    for (let i = start; i < Math.min(SIZE, start + perTransaction); i++) {
      const id = i + 1;
      const pool = byCategory.get(pick(categories))!;
      const lead = pick(pool);
      const paragraphs = [lead.paragraphs[0]!];
      const wanted = 4 + Math.floor(r() * 5);
      for (let guard = 0; paragraphs.length < wanted && guard < 50; guard++) {
        const other = pick(pool);
        const p =
          other.paragraphs.length > 1 ? other.paragraphs[1 + Math.floor(r() * (other.paragraphs.length - 1))]! : "";
        if (p && !paragraphs.includes(p)) paragraphs.push(p);
      }
      const published = new Date(anchor.getTime() - Math.floor(r() * span)).toISOString();
      articles.push({
        id,
        slug: `${slugify(lead.title).slice(0, 70)}-${id}`,
        kicker: "",
        headline: lead.title,
        standfirst: paragraphs[0]!,
        body: doc(paragraphs.slice(1)),
        section_id: sectionIds.get(lead.category)!,
        hero_media_id: null,
        hero_caption: null,
        hero_credit: null,
        video_id: null,
        status: "published",
        breaking: 0,
        published_at: published,
        updated_at: published,
        created_at: published,
      });
      authors.push({ article_id: id, author_id: pick(authorIds), position: 0 });
      const pool2 = tagIds.get(lead.category)!;
      const chosen = new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(pool2)));
      for (const tag_id of chosen) tags.push({ article_id: id, tag_id });
    }
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < articles.length; k += perInsert) {
        await trx
          .insertInto("articles")
          .values(articles.slice(k, k + perInsert))
          .execute();
      }
      for (let k = 0; k < authors.length; k += 2000) {
        await trx
          .insertInto("article_authors")
          .values(authors.slice(k, k + 2000))
          .execute();
      }
      for (let k = 0; k < tags.length; k += 2000) {
        await trx
          .insertInto("article_tags")
          .values(tags.slice(k, k + 2000))
          .execute();
      }
    });
    const done = Math.min(SIZE, start + perTransaction);
    if (done % 20_000 === 0 || done === SIZE) {
      log(`  articles: ${done.toLocaleString("en-GB")} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
}

async function readMeta(db: Kysely<any>): Promise<ArchiveMeta | undefined> {
  try {
    const rows = await db.selectFrom("bench_archive").select(["key", "value"]).execute();
    const m = new Map(rows.map((row: { key: string; value: string }) => [row.key, row.value]));
    if (m.get("complete") !== "yes") return undefined;
    return {
      version: m.get("version") ?? "?",
      articles: Number(m.get("articles")),
      builtAt: m.get("built_at") ?? "?",
      buildSeconds: Number(m.get("build_seconds")),
    };
  } catch {
    return undefined;
  }
}

async function build(handle: DatabaseHandle<Database>, version: string, log: (line: string) => void) {
  const started = performance.now();
  const db = handle.db;
  await migrateToLatest(db, handle.dialect);
  if (handle.dialect === "sqlite") await sql`pragma synchronous = off`.execute(db);
  const anchor = new Date();
  anchor.setUTCHours(6, 0, 0, 0);
  log(`Building the ${SIZE.toLocaleString("en-GB")}-article archive (${handle.dialect}) …`);
  await insertArchive(db, anchor, log);
  const inserted = performance.now();
  log(`  inserted in ${((inserted - started) / 1000).toFixed(1)} s; indexing (vectors, term stats, full-text) …`);
  let last = { phase: "", done: 0, at: performance.now() };
  await rebuildDiscoveryIndex(
    db,
    (phase, done, total) => {
      if (phase !== last.phase) last = { phase, done: 0, at: performance.now() };
      if (done === total || done - last.done >= 20_000) {
        last.done = done;
        const seconds = ((performance.now() - last.at) / 1000).toFixed(0);
        log(`  ${phase}: ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} (${seconds} s)`);
      }
    },
    1000,
    { related: false },
  );
  log(`  indexed in ${((performance.now() - inserted) / 1000).toFixed(1)} s`);
  if (handle.dialect === "postgres") await sql`analyze`.execute(db);
  else await sql`pragma synchronous = normal`.execute(db);
  const seconds = (performance.now() - started) / 1000;
  const meta = { version, articles: SIZE, built_at: new Date().toISOString(), build_seconds: seconds.toFixed(1) };
  await sql`create table bench_archive (key text primary key, value text not null)`.execute(db);
  for (const [key, value] of Object.entries({ ...meta, complete: "yes" })) {
    await sql`insert into bench_archive (key, value) values (${key}, ${String(value)})`.execute(db);
  }
  log(`Archive built in ${seconds.toFixed(1)} s`);
}

export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Opens the cached archive, building it first if this version is not there yet. */
export async function openArchive(
  options: {
    postgres?: boolean;
    /**
     * SQLite: with planner statistics (ANALYZE), which the app never gathers; without them (the
     * default, as in production) any left by an earlier --analyze run are dropped first.
     * PostgreSQL always has them (ANALYZE after the build, as autovacuum would).
     */
    analyze?: boolean;
    log?: (line: string) => void;
  } = {},
): Promise<Archive> {
  const log = options.log ?? ((line: string) => console.log(line));
  const version = archiveVersion();
  const started = performance.now();
  let handle: DatabaseHandle<Database>;
  let location: string;
  let built = false;
  if (options.postgres) {
    const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG;
    await ensurePostgresDatabase(url);
    const schema = `archive_${version}`;
    const admin = connectDatabase<any>({ databaseUrl: url, poolSize: 1 });
    const exists = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
      where table_schema = ${schema} and table_name = 'bench_archive'`.execute(admin.db);
    const complete = exists.rows[0]!.n > 0 && (await readMeta(admin.db.withSchema(schema)));
    if (!complete) {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    }
    await admin.destroy();
    location = `${new URL(url).pathname.slice(1)} (PostgreSQL), schema ${schema}`;
    handle = connectDatabase<Database>({ databaseUrl: url, pgSchema: schema });
    if (!complete) {
      await build(handle, version, log);
      built = true;
    }
  } else {
    const dir = path.join(os.tmpdir(), "london-daily-bench-archive", version);
    const file = path.join(dir, "archive.sqlite");
    location = file;
    handle = connectDatabase<Database>({ sqliteFile: file });
    if (!(await readMeta(handle.db))) {
      await handle.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
      handle = connectDatabase<Database>({ sqliteFile: file });
      await build(handle, version, log);
      built = true;
    }
    await handle.destroy();
    const raw = new SQLite(file);
    const stats = raw
      .prepare("select name from sqlite_master where name in ('sqlite_stat1', 'sqlite_stat4')")
      .pluck()
      .all() as string[];
    if (options.analyze) {
      const t = performance.now();
      raw.exec("analyze");
      log(`ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else {
      for (const table of stats) raw.exec(`drop table ${table}`);
    }
    raw.close();
    handle = connectDatabase<Database>({ sqliteFile: file });
  }
  // No migrations on open: the tables the benchmarks read are keyed into the version (the
  // discovery-index migration), and migrations added elsewhere since do not concern them.
  const meta = (await readMeta(handle.db))!;
  const statistics = handle.dialect === "postgres" || Boolean(options.analyze);
  return { handle, meta, location, openSeconds: (performance.now() - started) / 1000, built, statistics };
}

export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The machine and its load average now: the last line of a benchmark's report. */
export function machineNow(): string {
  return `${describeMachine()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
}

/** The time of each phase of a run, on one line. */
export function phasesLine(phases: Record<string, number>): string {
  return `phases: ${Object.entries(phases)
    .map(([p, s]) => `${p} ${s.toFixed(1)} s`)
    .join(", ")}`;
}

/** Drops a throw-away schema a benchmark made in PostgreSQL database `url`. */
export async function dropBenchSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade`);
  await c.end();
}

export async function describeEngine(handle: DatabaseHandle<Database>): Promise<string> {
  if (handle.dialect === "sqlite") {
    const v = await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db);
    return `SQLite ${v.rows[0]!.v} (better-sqlite3, WAL)`;
  }
  const v = await sql<{ v: string }>`show server_version`.execute(handle.db);
  return `PostgreSQL ${Object.values(v.rows[0]!)[0]}`;
}

export function describeArchive(archive: Archive): string {
  return (
    `${archive.meta.articles.toLocaleString("en-GB")} published articles (BBC paragraphs recombined within ` +
    `5 categories, ${YEARS} years), ${archive.location}; ` +
    (archive.built
      ? `built now in ${archive.meta.buildSeconds} s`
      : `cached (built in ${archive.meta.buildSeconds} s)`) +
    `; planner statistics: ${archive.statistics ? "yes (ANALYZE)" : "none (as the app runs)"}`
  );
}

/** Percentile (nearest rank) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: { postgres: { type: "boolean", default: false }, analyze: { type: "boolean", default: false } },
  });
  const archive = await openArchive(values);
  console.log(describeArchive(archive));
  console.log(`Opened in ${archive.openSeconds.toFixed(1)} s`);
  await archive.handle.destroy();
}
