import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../src/database.js";
import { rebuildDiscoveryIndex } from "../src/discovery/discovery-index.js";
import { rankRelated, similarArticles } from "../src/discovery/related-lists.js";
import { NEAR_DUPLICATE } from "../src/discovery/related-model.js";
import { importJsonl } from "../src/importer/jsonl-import.js";

// The Related Articles evaluation on the labelled BBC corpus (evaluation only: never demo content).
// The corpus is imported into ONE section with no tags, so only the words can tell the categories
// apart; precision@5 is the share of each article's first five related stories in its category.

export const CORPUS = path.resolve(import.meta.dirname, "../../shared/data/bbc-news.jsonl");
export const DUPLICATES = path.resolve(import.meta.dirname, "../../shared/data/bbc-news-duplicates.jsonl");

interface CorpusRow {
  id: number;
  category: string;
  title: string;
  body: string;
}

export function readCorpus(perCategory = Infinity): CorpusRow[] {
  const rows = fs
    .readFileSync(CORPUS, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CorpusRow);
  const taken = new Map<string, number>();
  return rows.filter((r) => {
    const n = taken.get(r.category) ?? 0;
    taken.set(r.category, n + 1);
    return n < perCategory;
  });
}

export interface RelatedEvaluation {
  articles: number;
  precisionAt5: number;
  /** The same, for the lists as a publication or an Update ranks them one by one (rankRelated). */
  incrementalPrecisionAt5: number;
  perCategory: Record<string, number>;
  /** Pairs of the same story under two headlines (the identical ones are not imported twice). */
  duplicatePairs: number;
  duplicatesRecognised: number;
  duplicatesShownAsRelated: number;
  seconds: number;
}

export async function evaluateRelated(db: Kysely<Database>, corpus: CorpusRow[]): Promise<RelatedEvaluation> {
  const started = performance.now();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "related-eval-")), "corpus.jsonl");
  fs.writeFileSync(file, corpus.map((r) => JSON.stringify({ title: r.title, body: r.body })).join("\n"));
  try {
    await importJsonl(db, file, {
      publish: true,
      section: "evaluation",
      createSections: true,
      undatedAt: new Date("2026-01-01T09:00:00Z"),
      now: () => new Date("2026-01-01T09:00:00Z"),
      index: false,
    });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  await rebuildDiscoveryIndex(db);

  const byHeadline = new Map(corpus.map((r) => [r.title.trim(), r]));
  const articles = await db
    .selectFrom("articles")
    .select(["id", "headline"])
    .where("status", "=", "published")
    .execute();
  const category = new Map(articles.map((a) => [a.id, byHeadline.get(a.headline)?.category]));
  const idOf = new Map(articles.map((a) => [byHeadline.get(a.headline)?.id, a.id]));
  const related = await db.selectFrom("article_related").select(["article_id", "related_id", "position"]).execute();
  const lists = new Map<number, number[]>();
  for (const r of related.sort((a, b) => a.position - b.position)) {
    lists.set(r.article_id, [...(lists.get(r.article_id) ?? []), r.related_id]);
  }

  const sums = new Map<string, { sum: number; n: number }>();
  let total = 0;
  for (const a of articles) {
    const own = category.get(a.id)!;
    const top = (lists.get(a.id) ?? []).slice(0, 5);
    const precision = top.length ? top.filter((id) => category.get(id) === own).length / 5 : 0;
    total += precision;
    const s = sums.get(own) ?? { sum: 0, n: 0 };
    sums.set(own, { sum: s.sum + precision, n: s.n + 1 });
  }

  // The one-by-one ranking a publication runs (the rebuild above ranks in bulk).
  let incremental = 0;
  for (const a of articles) {
    const top = (await rankRelated(db, a.id, 5)).map((r) => r.id);
    incremental += top.filter((id) => category.get(id) === category.get(a.id)).length / 5;
  }

  const pairs = fs.existsSync(DUPLICATES)
    ? fs
        .readFileSync(DUPLICATES, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id_a: number; id_b: number; same_title: boolean })
        .filter((p) => !p.same_title && idOf.has(p.id_a) && idOf.has(p.id_b))
    : [];
  let recognised = 0;
  let shown = 0;
  for (const p of pairs) {
    const a = idOf.get(p.id_a)!;
    const b = idOf.get(p.id_b)!;
    const similar = await similarArticles(db, a, 5);
    if ((similar.find((s) => s.id === b)?.similarity ?? 0) >= NEAR_DUPLICATE) recognised += 1;
    if (lists.get(a)?.includes(b) || lists.get(b)?.includes(a)) shown += 1;
  }

  return {
    articles: articles.length,
    precisionAt5: total / articles.length,
    incrementalPrecisionAt5: incremental / articles.length,
    perCategory: Object.fromEntries([...sums].map(([c, s]) => [c, s.sum / s.n])),
    duplicatePairs: pairs.length,
    duplicatesRecognised: recognised,
    duplicatesShownAsRelated: shown,
    seconds: (performance.now() - started) / 1000,
  };
}
