import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Database } from "../src/database.js";
import { type ImportPhase, importJsonl } from "../src/importer/jsonl-import.js";
import { connectDatabase } from "../src/platform/db/connect.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { dropBenchSchema, ensurePostgresDatabase, machineNow, phasesLine } from "./archive.js";
import { StoryWords, TOPICS } from "./story-words.js";

// npm run bench:import [-- --count 100000] [--words 150] [--into 0] [--postgres]
// Generates an archive of synthetic stories (invented words, no outside text: topics of their own
// vocabulary over a shared one, both Zipf-distributed, so related lists and search have real work),
// then imports it into a fresh database in a child process, as `london-daily import jsonl
// --publish --section-from category --create-sections` does, and prints the time of each phase, stories per second
// and the child's peak RSS. With --into N, N other stories are imported first (untimed), to
// measure an import into an archive that is already there.

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    words: { type: "string", default: "150" },
    into: { type: "string", default: "0" },
    "batch-size": { type: "string", default: "1000" },
    postgres: { type: "boolean", default: false },
    child: { type: "string" },
  },
});

const CATEGORIES = ["Politics", "Business", "Sport", "Culture", "Science", "World", "Technology", "Health"];
/** Writes `count` stories as JSON lines; `seed` makes a different archive with the same shape. */
export function generateStories(file: string, count: number, words: number, seed: number): void {
  const story = new StoryWords(seed);
  const r = () => story.random();
  const vocab = story.vocab;
  const authors = Array.from({ length: 50 }, (_, i) => `Writer ${vocab[i]!} ${vocab[100 + i]!}`);
  const span = 5 * 365.25 * 86_400_000;
  const anchor = Date.parse("2026-06-01T06:00:00Z");
  const fd = fs.openSync(file, "w");
  let buffer: string[] = [];
  for (let n = 0; n < count; n++) {
    const t = Math.floor(r() * TOPICS);
    const sentence = () => story.sentence(t);
    const paragraphs: string[] = [];
    for (let w = 0; w < words;) {
      const p = Array.from({ length: 2 + Math.floor(r() * 3) }, sentence).join(" ");
      paragraphs.push(p);
      w += p.split(" ").length;
    }
    const title = story.words(t, 5, 9);
    buffer.push(
      JSON.stringify({
        title,
        body: paragraphs.join("\n\n"),
        category: CATEGORIES[t % CATEGORIES.length],
        author: authors[Math.floor(r() * authors.length)],
        published_at: new Date(anchor - Math.floor(r() * span)).toISOString(),
      }),
    );
    if (buffer.length === 1000 || n === count - 1) {
      fs.writeSync(fd, `${buffer.join("\n")}\n`);
      buffer = [];
    }
  }
  fs.closeSync(fd);
}

/** The child: imports the files in order, times the last one by phase, prints one JSON line. */
async function child(spec: { files: string[]; sqliteFile?: string; pgSchema?: string; batchSize: number }) {
  const handle = connectDatabase<Database>(
    spec.pgSchema
      ? { databaseUrl: process.env.BENCH_DATABASE_URL ?? DEFAULT_PG, pgSchema: spec.pgSchema }
      : { sqliteFile: spec.sqliteFile! },
  );
  try {
    await migrateToLatest(handle.db, handle.dialect);
    const phases: Partial<Record<ImportPhase, number>> = {};
    let summary;
    for (const [i, file] of spec.files.entries()) {
      const timed = i === spec.files.length - 1;
      let phase: ImportPhase | undefined;
      let since = performance.now();
      const started = since;
      let tenth = -1;
      summary = await importJsonl(handle.db, file, {
        publish: true,
        sectionFrom: "category",
        // An empty site: the categories become its sections, as `--create-sections` does.
        createSections: true,
        batchSize: spec.batchSize,
        onProgress: (p, done, total) => {
          if (p !== phase) {
            if (phase && timed) phases[phase] = (performance.now() - since) / 1000;
            phase = p;
            since = performance.now();
            tenth = -1;
          }
          const t = Math.floor((done / Math.max(total, 1)) * 10);
          if (t !== tenth) {
            tenth = t;
            process.stderr.write(`  ${timed ? "" : "(existing archive) "}${p} ${t * 10}%\n`);
          }
        },
      });
      if (phase && timed) phases[phase] = (performance.now() - since) / 1000;
      if (timed) {
        const seconds = (performance.now() - started) / 1000;
        const maxRssMb = process.resourceUsage().maxRSS / 1024;
        console.log(JSON.stringify({ seconds, phases, maxRssMb, summary: { ...summary, articleIds: undefined } }));
      }
    }
  } finally {
    await handle.destroy();
  }
}

const DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench";

async function main() {
  const count = Number(values.count);
  const words = Number(values.words);
  const into = Number(values.into);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-import-"));
  const pgSchema = values.postgres ? `import_${randomBytes(4).toString("hex")}` : undefined;
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG;
  try {
    let t = performance.now();
    const files: string[] = [];
    if (into > 0) {
      files.push(path.join(dir, "existing.jsonl"));
      generateStories(files[0]!, into, words, 1);
    }
    files.push(path.join(dir, "archive.jsonl"));
    generateStories(files.at(-1)!, count, words, 2);
    const mb = fs.statSync(files.at(-1)!).size / 2 ** 20;
    console.log(
      `Generated ${count.toLocaleString("en-GB")} stories of about ${words} words (${mb.toFixed(0)} MB)` +
        (into ? ` and an existing archive of ${into.toLocaleString("en-GB")}` : "") +
        ` in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    if (pgSchema) {
      await ensurePostgresDatabase(url);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create schema ${pgSchema}`);
      await c.end();
    }
    const spec = {
      files,
      batchSize: Number(values["batch-size"]),
      ...(pgSchema ? { pgSchema } : { sqliteFile: path.join(dir, "london-daily.sqlite") }),
    };
    t = performance.now();
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", import.meta.filename, "--child", JSON.stringify(spec)],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
    );
    if (run.status !== 0) throw new Error(`the import failed:\n${run.stdout}`);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
      seconds: number;
      phases: Record<string, number>;
      maxRssMb: number;
      summary: { imported: number; indexing: string };
    };
    const engine = pgSchema ? "PostgreSQL" : "SQLite";
    console.log(
      `${engine}: ${result.summary.imported.toLocaleString("en-GB")} stories imported` +
        (into ? ` into ${into.toLocaleString("en-GB")}` : "") +
        ` in ${result.seconds.toFixed(1)} s (${Math.round(result.summary.imported / result.seconds)} stories/s), ` +
        `peak RSS ${result.maxRssMb.toFixed(0)} MB; index: ${result.summary.indexing}`,
    );
    console.log(`  ${phasesLine(result.phases)}`);
    console.log(`  ${machineNow()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgSchema) await dropBenchSchema(url, pgSchema);
  }
}

if (values.child) await child(JSON.parse(values.child));
else if (import.meta.filename === process.argv[1]) await main();
