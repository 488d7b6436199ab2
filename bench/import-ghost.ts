import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Database } from "../src/database.js";
import { readGhostExport } from "../src/importer/ghost/ghost-export.js";
import { importSite } from "../src/importer/site-import.js";
import { connectDatabase } from "../src/platform/db/connect.js";
import { migrateToLatest } from "../src/platform/migrations/migrate.js";
import { createStorage } from "../src/platform/storage/create-storage.js";

// npx tsx bench/import-ghost.ts [--count 10000]
// Generates a Ghost export of --count posts (Lexical and Mobiledoc alternately, three paragraphs, a
// heading and a list each, tags and two authors), imports it into a fresh SQLite database as
// `london-daily import ghost` does, and prints posts per second (load included: reading, converting,
// writing, indexing), the peak heap and resident memory, and the machine's load.

const { values } = parseArgs({ options: { count: { type: "string", default: "10000" } } });
const count = Number(values.count);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ghost-"));
const words = "budget council river housing transport school market bridge station library".split(" ");
const sentence = (i: number, n: number) =>
  Array.from({ length: 18 }, (_, k) => words[(i * 7 + k * n) % words.length]).join(" ");

const posts = Array.from({ length: count }, (_, i) => {
  const paras = [0, 1, 2].map((n) => sentence(i, n + 1));
  const lexical = {
    root: {
      type: "root",
      children: [
        ...paras.map((t) => ({ type: "paragraph", children: [{ type: "text", text: `${t}.`, format: 0 }] })),
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
    cards: [],
    markups: [],
    sections: paras.map((t) => [1, "p", [[0, [], 0, `${t}.`]]]),
  };
  return {
    id: `bench${i}`,
    title: `Report ${i}: ${sentence(i, 5).slice(0, 60)}`,
    slug: `report-${i}`,
    ...(i % 2 ? { mobiledoc: JSON.stringify(mobiledoc) } : { lexical: JSON.stringify(lexical) }),
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
const file = path.join(dir, "ghost.json");
fs.writeFileSync(file, JSON.stringify({ db: [{ data }] }));

const handle = connectDatabase<Database>({ sqliteFile: path.join(dir, "bench.sqlite") });
await migrateToLatest(handle.db, "sqlite");
await handle.db.insertInto("sections").values({ slug: "news", name: "News", position: 0 }).execute();
const started = performance.now();
const site = readGhostExport(JSON.parse(fs.readFileSync(file, "utf8")), "http://localhost:3000");
if ("error" in site) throw new Error(site.error);
const summary = await importSite(handle.db, site, { storage: createStorage({ dataDir: dir }) });
const seconds = (performance.now() - started) / 1000;
console.log(
  `${summary.posts} posts in ${seconds.toFixed(1)} s: ${(summary.posts / seconds).toFixed(0)} posts/s; ` +
    `file ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB; ` +
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}; ${os.cpus().length} cores`,
);
await handle.destroy();
fs.rmSync(dir, { recursive: true, force: true });
