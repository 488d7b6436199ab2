import { parseArgs } from "node:util";
import { searchArticles } from "../src/discovery/search.queries.js";
import { describeArchive, describeEngine, describeMachine, openArchive, percentile } from "./archive.js";
import { type QueryKind, SEARCH_QUERIES } from "./search-queries.js";

// npm run bench:search [-- --postgres]: the 200 queries of bench/search-queries.ts through
// searchArticles (best match, first page of 10) on the 100,000-article archive, one after another:
// 2 warm-up passes, then 3 timed passes; the figures are those of the median pass (by total time).
// --analyze: SQLite with planner statistics (see openArchive); --warmups N, --passes N and
// --every K (every K-th query only) shorten a run when queries take seconds.

const TARGET_P95_MS = 30;
const { values } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    analyze: { type: "boolean", default: false },
    warmups: { type: "string", default: "2" },
    passes: { type: "string", default: "3" },
    every: { type: "string", default: "1" },
  },
});
const PASSES = Number(values.passes);
const WARMUPS = Number(values.warmups);
const EVERY = Number(values.every);
const QUERIES = SEARCH_QUERIES.filter((_, i) => i % EVERY === 0);
const archive = await openArchive({ postgres: values.postgres, analyze: values.analyze });
const { db } = archive.handle;
const now = new Date();

const sum = (p: Timing[]) => p.reduce((a, t) => a + t.ms, 0);

interface Timing {
  q: string;
  kind: QueryKind;
  ms: number;
  total: number;
}

async function pass(): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const { q, kind } of QUERIES) {
    const t = performance.now();
    const result = await searchArticles(db, { q, sort: "relevance", page: 1, perPage: 10, now });
    out.push({ q, kind, ms: performance.now() - t, total: result.total });
  }
  return out;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);
for (let i = 0; i < WARMUPS; i++) {
  const t = performance.now();
  await pass();
  progress(`warm-up pass ${i + 1}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const passes: Timing[][] = [];
for (let i = 0; i < PASSES; i++) {
  passes.push(await pass());
  progress(`timed pass ${i + 1}: ${(sum(passes[i]!) / 1000).toFixed(1)} s`);
}
const median = [...passes].sort((a, b) => sum(a) - sum(b))[Math.floor(PASSES / 2)]!;
const sorted = median.map((t) => t.ms).sort((a, b) => a - b);
const f = (n: number) => n.toFixed(1);
const show = (q: string) => JSON.stringify(q.length > 60 ? `${q.slice(0, 57)}…` : q);

console.log(`\nSearch on ${await describeEngine(archive.handle)}`);
console.log(`Machine: ${describeMachine()}`);
console.log(`Archive: ${describeArchive(archive)}`);
console.log(
  `Queries: ${QUERIES.length}${EVERY > 1 ? ` (every ${EVERY}th)` : ""} of bench/search-queries.ts, sort relevance, page 1 of 10; ` +
    `${WARMUPS} warm-up passes, median of ${PASSES} timed passes (totals ${passes.map((p) => `${(sum(p) / 1000).toFixed(2)} s`).join(", ")})\n`,
);
console.log("| queries | p50 ms | p95 ms | p99 ms | max ms | mean ms | zero results |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
const line = (name: string, ts: Timing[]) => {
  const s = ts.map((t) => t.ms).sort((a, b) => a - b);
  const zero = ts.filter((t) => t.total === 0).length;
  console.log(
    `| ${name} | ${f(percentile(s, 50))} | ${f(percentile(s, 95))} | ${f(percentile(s, 99))} | ${f(s.at(-1)!)} | ` +
      `${f(s.reduce((a, b) => a + b, 0) / s.length)} | ${zero} |`,
  );
};
line(`all ${median.length}`, median);
for (const kind of [...new Set(median.map((t) => t.kind))]) {
  const ts = median.filter((t) => t.kind === kind);
  line(`${kind} (${ts.length})`, ts);
}
console.log("\nSlowest 5:");
for (const t of [...median].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
  console.log(`  ${f(t.ms).padStart(7)} ms  ${show(t.q)} (${t.kind}, ${t.total.toLocaleString("en-GB")} matches)`);
}
const p95 = percentile(sorted, 95);
console.log(`\nTarget: p95 under ${TARGET_P95_MS} ms (${f(p95)} ms): ${p95 < TARGET_P95_MS ? "met" : "NOT met"}`);
await archive.handle.destroy();
