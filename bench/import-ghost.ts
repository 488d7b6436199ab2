import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import sharp from "sharp";
import type { Database } from "../src/database.js";
import { readGhostExport } from "../src/importer/ghost/ghost-export.js";
import type { ImportPhase } from "../src/importer/jsonl-import.js";
import { importSite } from "../src/importer/site-import.js";
import { connectDatabase } from "../src/platform/db/connect.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { createStorage } from "../src/platform/storage/create-storage.js";
import { dropBenchSchema, ensurePostgresDatabase, machineNow, phasesLine } from "./archive.js";

// npm run bench:import-ghost [-- --count 10000] [--images 2000] [--postgres]
// Generates a Ghost export of --count posts (our own words; Lexical and Mobiledoc alternately,
// three paragraphs, a heading and a list each, tags and two authors) and a copy of its
// content/images with --images small pictures (320×213, JPEG and PNG alternately, each different):
// every fifth post has one as its feature image, and the post after it shows the same picture in
// its body (one file, two references). Then it imports them into a fresh database in a child
// process, as `london-daily import ghost <file> --media-dir <dir>` does, and prints posts/s and
// images/s (over the whole import: reading, converting, the media pipeline, writing, indexing),
// each phase's time, and the child's peak RSS.

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    images: { type: "string", default: "2000" },
    postgres: { type: "boolean", default: false },
    child: { type: "string" },
  },
});
const DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/bench";
const words = "budget council river housing transport school market bridge station library".split(" ");
const sentence = (i: number, n: number) =>
  Array.from({ length: 18 }, (_, k) => words[(i * 7 + k * n) % words.length]).join(" ");
const picture = (n: number) => `__GHOST_URL__/content/images/2024/01/pic-${n}.${n % 2 ? "png" : "jpg"}`;

function ghostExport(count: number, images: number) {
  const posts = Array.from({ length: count }, (_, i) => {
    const paras = [0, 1, 2].map((n) => sentence(i, n + 1));
    // Post 5k has picture k as its feature image; post 5k+1 shows it in its body.
    const feature = i % 5 === 0 && i / 5 < images ? picture(i / 5) : undefined;
    const inline = i % 5 === 1 && (i - 1) / 5 < images ? picture((i - 1) / 5) : undefined;
    const lexical = {
      root: {
        type: "root",
        children: [
          ...paras.map((t) => ({ type: "paragraph", children: [{ type: "text", text: `${t}.`, format: 0 }] })),
          ...(inline ? [{ type: "image", src: inline, alt: `Picture ${i}` }] : []),
          { type: "heading", tag: "h2", children: [{ type: "text", text: `Part ${i}`, format: 0 }] },
          {
            type: "list",
            listType: "bullet",
            children: paras.map((t) => ({ type: "listitem", children: [{ type: "text", text: t.slice(0, 40) }] })),
          },
        ],
      },
    };
    const mobiledoc = {
      version: "0.3.1",
      atoms: [],
      cards: inline ? [["image", { src: inline, alt: `Picture ${i}` }]] : [],
      markups: [],
      sections: [...paras.map((t) => [1, "p", [[0, [], 0, `${t}.`]]]), ...(inline ? [[10, 0]] : [])],
    };
    return {
      id: `bench${i}`,
      title: `Report ${i}: ${sentence(i, 5).slice(0, 60)}`,
      slug: `report-${i}`,
      ...(i % 2 ? { mobiledoc: JSON.stringify(mobiledoc) } : { lexical: JSON.stringify(lexical) }),
      ...(feature ? { feature_image: feature, feature_image_alt: `Picture ${i / 5}` } : {}),
      status: "published",
      published_at: new Date(Date.UTC(2012, 0, 1) + i * 3_600_000).toISOString(),
    };
  });
  const data = {
    posts,
    users: [
      { id: "1", name: "A Reporter", slug: "a" },
      { id: "2", name: "B Reporter", slug: "b" },
    ],
    posts_authors: posts.map((p, i) => ({ post_id: p.id, author_id: String((i % 2) + 1) })),
    tags: words.map((w) => ({ id: w, name: w, slug: w })),
    posts_tags: posts.map((p, i) => ({ post_id: p.id, tag_id: words[i % words.length]! })),
  };
  return { db: [{ data }] };
}

/** content/images/2024/01/pic-N: a colour field with a lighter band, different for every N. */
async function writePictures(mediaDir: string, images: number) {
  const dir = path.join(mediaDir, "2024", "01");
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 0; n < images; n++) {
    const background = { r: n % 256, g: (Math.floor(n / 256) * 37) % 256, b: 90 };
    const band = await sharp({
      create: { width: 320, height: 60, channels: 3, background: { r: 240, g: 230, b: 200 } },
    })
      .png()
      .toBuffer();
    const image = sharp({ create: { width: 320, height: 213, channels: 3, background } }).composite([
      { input: band, top: 20 + (n % 120), left: 0 },
    ]);
    const file = path.join(dir, `pic-${n}.${n % 2 ? "png" : "jpg"}`);
    await (n % 2 ? image.png() : image.jpeg({ quality: 80 })).toFile(file);
  }
}

/** The child: imports the export as the command does and prints one JSON line. */
async function child(spec: {
  file: string;
  mediaDir: string;
  dataDir: string;
  sqliteFile?: string;
  pgSchema?: string;
}) {
  const handle = connectDatabase<Database>(
    spec.pgSchema
      ? { databaseUrl: process.env.BENCH_DATABASE_URL ?? DEFAULT_PG, pgSchema: spec.pgSchema }
      : { sqliteFile: spec.sqliteFile! },
  );
  try {
    await migrateToLatest(handle.db, handle.dialect);
    await handle.db.insertInto("sections").values({ slug: "news", name: "News", position: 0 }).execute();
    const phases: Partial<Record<ImportPhase, number>> = {};
    let phase: ImportPhase | undefined;
    const started = performance.now();
    let since = started;
    const site = readGhostExport(JSON.parse(fs.readFileSync(spec.file, "utf8")), "http://localhost:3000");
    if ("error" in site) throw new Error(site.error);
    const summary = await importSite(handle.db, site, {
      storage: createStorage({ dataDir: spec.dataDir }),
      mediaDir: spec.mediaDir,
      onProgress: (p) => {
        if (p === phase) return;
        if (phase) phases[phase] = (performance.now() - since) / 1000;
        phase = p;
        since = performance.now();
      },
    });
    if (phase) phases[phase] = (performance.now() - since) / 1000;
    const seconds = (performance.now() - started) / 1000;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ seconds, phases, maxRssMb, summary: { ...summary, articleIds: undefined } }));
  } finally {
    await handle.destroy();
  }
}

async function main() {
  const count = Number(values.count);
  const images = Math.min(Number(values.images), Math.ceil(count / 5));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-bench-ghost-"));
  const pgSchema = values.postgres ? `ghost_${randomBytes(4).toString("hex")}` : undefined;
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG;
  try {
    let t = performance.now();
    const file = path.join(dir, "ghost.json");
    const mediaDir = path.join(dir, "images");
    fs.writeFileSync(file, JSON.stringify(ghostExport(count, images)));
    await writePictures(mediaDir, images);
    console.log(
      `Generated ${count.toLocaleString("en-GB")} posts (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB) and ` +
        `${images.toLocaleString("en-GB")} pictures in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    if (pgSchema) {
      await ensurePostgresDatabase(url);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create schema ${pgSchema}`);
      await c.end();
    }
    const spec = {
      file,
      mediaDir,
      dataDir: path.join(dir, "data"),
      ...(pgSchema ? { pgSchema } : { sqliteFile: path.join(dir, "london-daily.sqlite") }),
    };
    t = performance.now();
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", import.meta.filename, "--child", JSON.stringify(spec)],
      {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
      },
    );
    if (run.status !== 0) throw new Error(`the import failed:\n${run.stdout}`);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
      seconds: number;
      phases: Record<string, number>;
      maxRssMb: number;
      summary: { posts: number; images: { stored: number; reused: number; failed: number } };
    };
    const { posts, images: pics } = result.summary;
    console.log(
      `${pgSchema ? "PostgreSQL" : "SQLite"}: ${posts.toLocaleString("en-GB")} posts and ${pics.stored.toLocaleString("en-GB")} pictures ` +
        `(${pics.failed} failed) in ${result.seconds.toFixed(1)} s: ` +
        `${Math.round(posts / result.seconds)} posts/s, ${(pics.stored / result.seconds).toFixed(1)} images/s; ` +
        `peak RSS ${result.maxRssMb.toFixed(0)} MB`,
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
