import { parseArgs } from "node:util";
import { sql } from "kysely";
import { rankRelated, refreshRelatedArticles, similarArticles } from "../src/discovery/related-lists.js";
import { describeArchive, describeEngine, describeMachine, openArchive, percentile, prng } from "./archive.js";

// npm run bench:related [-- --postgres]: on the 100,000-article archive, how long ranking one
// article's related list takes (rankRelated, as publishing an article does for it and for the
// stories it affects), for 200 deterministic random articles after 10 warm-ups; then rank + store
// (refreshRelatedArticles) inside a transaction for 50 more, rolled back so the archive stays as built.
// --analyze: SQLite with planner statistics (see openArchive).

const TARGET_MS = 50;
const { values } = parseArgs({
  options: { postgres: { type: "boolean", default: false }, analyze: { type: "boolean", default: false } },
});
const archive = await openArchive(values);
const { db } = archive.handle;

const ids = (
  await db.selectFrom("articles").select("id").where("status", "=", "published").orderBy("id").execute()
).map((r) => r.id);
const r = prng(7);
const sample = (n: number) => Array.from({ length: n }, () => ids[Math.floor(r() * ids.length)]!);
const warmUp = sample(10);
const measured = sample(200);
const stored = sample(50);

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1)!, mean };
};
const row = (name: string, ms: number[]) => {
  const s = summary(ms);
  const f = (n: number) => n.toFixed(1);
  return `| ${name} | ${ms.length} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} | ${f(s.mean)} |`;
};

for (const id of warmUp) await rankRelated(db, id, 8);
const rank: number[] = [];
for (const id of measured) rank.push(await time(() => rankRelated(db, id, 8)));

// The part that dominates: the candidate query over the term postings (60 candidates, as rankRelated asks).
const similar: number[] = [];
for (const id of measured) similar.push(await time(() => similarArticles(db, id, 60)));

// How many postings each of those queries joins: the article's 64 terms times how common they are.
const postings = await sql<{ article_id: number; n: number | string }>`
  select q.article_id, count(*) as n from article_terms q join article_terms t on t.term = q.term
  where q.article_id in (${sql.join(measured)}) group by q.article_id`.execute(db);
const scanned = postings.rows.map((p) => Number(p.n)).sort((a, b) => a - b);

class Rollback extends Error {}
const store: number[] = [];
for (const id of stored) {
  try {
    await db.transaction().execute(async (trx) => {
      store.push(await time(() => refreshRelatedArticles(trx, [id])));
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}

console.log(`\nRelated articles on ${await describeEngine(archive.handle)}`);
console.log(`Machine: ${describeMachine()}`);
console.log(`Archive: ${describeArchive(archive)}`);
console.log(`Articles sampled: PRNG seed 7, 10 warm-ups, then measured one after another\n`);
console.log(
  "| operation | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
);
console.log(row("rankRelated(db, id, 8)", rank));
console.log(row("of which similarArticles(db, id, 60)", similar));
console.log(row("refreshRelatedArticles(trx, [id]) (rank + store)", store));
console.log(
  `\nPostings joined per article (64 terms × their document frequency): p50 ${percentile(scanned, 50).toLocaleString("en-GB")}, ` +
    `p95 ${percentile(scanned, 95).toLocaleString("en-GB")}, max ${scanned.at(-1)!.toLocaleString("en-GB")}`,
);
const p95 = summary(rank).p95;
console.log(
  `Target: rankRelated under ${TARGET_MS} ms (p95 ${p95.toFixed(1)} ms): ${p95 < TARGET_MS ? "met" : "NOT met"}`,
);
await archive.handle.destroy();
