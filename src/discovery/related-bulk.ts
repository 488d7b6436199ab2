import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { VECTOR_TERMS, type WeightedTerm, composeRelated } from "./related-model.js";

// The related lists of a whole archive in one pass (the rebuild after a bulk import, `reindex`).
// Ranking article by article costs a postings join per article (30–45 ms on SQLite and about
// 0.7 s on PostgreSQL at 100,000 articles: an hour to a day for the archive). Here the vectors the
// rebuild has just computed stay in memory (typed arrays, about 1 KB per article for both
// directions), each article's similarities are summed over an inverted index, and the same
// composeRelated as the per-article path ranks them. Each batch of lists is written in one
// transaction.

/** Candidates considered per article, as in rankRelated. */
const CANDIDATES = 60;
/** Lists written per transaction. */
const PER_TRANSACTION = 500;

/** The term vectors of an archive, by article and by term. */
export class VectorStore {
  private readonly index = new Map<number, number>();
  private readonly termIds = new Map<string, number>();
  private readonly counts: Uint8Array;
  private readonly terms: Int32Array;
  private readonly weights: Float32Array;
  private postingStart = new Int32Array(0);
  private postingArticle = new Int32Array(0);
  private postingWeight = new Float32Array(0);

  constructor(readonly ids: number[]) {
    ids.forEach((id, i) => this.index.set(id, i));
    this.counts = new Uint8Array(ids.length);
    this.terms = new Int32Array(ids.length * VECTOR_TERMS);
    this.weights = new Float32Array(ids.length * VECTOR_TERMS);
  }

  set(id: number, vector: WeightedTerm[]): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    const kept = vector.slice(0, VECTOR_TERMS);
    this.counts[i] = kept.length;
    for (const [k, t] of kept.entries()) {
      let term = this.termIds.get(t.term);
      if (term === undefined) this.termIds.set(t.term, (term = this.termIds.size));
      this.terms[i * VECTOR_TERMS + k] = term;
      this.weights[i * VECTOR_TERMS + k] = t.weight;
    }
  }

  /** Builds the inverted index (postings by term) once every vector is set. */
  invert(): void {
    const start = new Int32Array(this.termIds.size + 1);
    for (let i = 0; i < this.ids.length; i++)
      for (let k = 0; k < this.counts[i]!; k++) start[this.terms[i * VECTOR_TERMS + k]! + 1]! += 1;
    for (let t = 0; t < this.termIds.size; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, -1);
    this.postingArticle = new Int32Array(start[this.termIds.size]!);
    this.postingWeight = new Float32Array(start[this.termIds.size]!);
    for (let i = 0; i < this.ids.length; i++) {
      for (let k = 0; k < this.counts[i]!; k++) {
        const at = fill[this.terms[i * VECTOR_TERMS + k]!]!++;
        this.postingArticle[at] = i;
        this.postingWeight[at] = this.weights[i * VECTOR_TERMS + k]!;
      }
    }
    this.postingStart = start;
  }

  /** A similarity function with its own scratch space: the `limit` most similar stories to one article. */
  similarity() {
    const sums = new Float64Array(this.ids.length);
    const touched = new Int32Array(this.ids.length);
    return (id: number, limit: number): { id: number; similarity: number }[] => {
      const i = this.index.get(id);
      if (i === undefined) return [];
      let n = 0;
      for (let k = 0; k < this.counts[i]!; k++) {
        const term = this.terms[i * VECTOR_TERMS + k]!;
        const weight = this.weights[i * VECTOR_TERMS + k]!;
        for (let p = this.postingStart[term]!; p < this.postingStart[term + 1]!; p++) {
          const j = this.postingArticle[p]!;
          if (sums[j] === 0) touched[n++] = j;
          sums[j]! += weight * this.postingWeight[p]!;
        }
      }
      // The best `limit` in one sweep: a small array kept sorted, entered only by a better score.
      const best: { j: number; s: number }[] = [];
      for (let m = 0; m < n; m++) {
        const j = touched[m]!;
        const s = sums[j]!;
        sums[j] = 0;
        if (j === i || (best.length === limit && s <= best[limit - 1]!.s)) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.s < s) at--;
        best.splice(at, 0, { j, s });
        if (best.length > limit) best.pop();
      }
      return best.map((b) => ({ id: this.ids[b.j]!, similarity: b.s }));
    };
  }
}

/** Ranks and stores the related list of every article in `ids` from the vectors in `store`. */
export async function relateAll(
  db: Kysely<Database>,
  store: VectorStore,
  keep: number,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const published = await db
    .selectFrom("articles")
    .select(["id", "section_id", "published_at"])
    .where("status", "=", "published")
    .execute();
  const details = new Map(published.map((a) => [a.id, a]));
  const overrides = new Map<number, { related_id: number; kind: string; status: string }[]>();
  const rows = await db
    .selectFrom("related_overrides as o")
    .innerJoin("articles as a", "a.id", "o.related_id")
    .select(["o.article_id", "o.related_id", "o.kind", "a.status"])
    .orderBy("o.article_id")
    .orderBy("o.position")
    .execute();
  for (const o of rows) push(overrides, o.article_id, o);
  const tags = new Map<number, number[]>();
  for (const t of await db.selectFrom("article_tags").select(["article_id", "tag_id"]).execute())
    push(tags, t.article_id, t.tag_id);
  // Each section's stories newest first: what fills a list that too little shares its words with.
  const newest = new Map<number, number[]>();
  for (const a of [...published].sort(
    (x, y) => (y.published_at ?? "").localeCompare(x.published_at ?? "") || y.id - x.id,
  ))
    push(newest, a.section_id, a.id);

  const similar = store.similarity();
  const ids = store.ids.filter((id) => details.has(id));
  for (let start = 0; start < ids.length; start += PER_TRANSACTION) {
    const part = ids.slice(start, start + PER_TRANSACTION);
    const lists = part.map((id) => {
      const self = details.get(id)!;
      const candidates = similar(id, CANDIDATES);
      const own = new Set(tags.get(id) ?? []);
      const shared = new Map<number, number>();
      const near = new Map<number, { section_id: number; published_at: string | null }>();
      for (const c of candidates) {
        const d = details.get(c.id);
        if (d) near.set(c.id, d);
        const count = (tags.get(c.id) ?? []).filter((t) => own.has(t)).length;
        if (count) shared.set(c.id, count);
      }
      const input = { articleId: id, similar: candidates, self, overrides: overrides.get(id) ?? [] };
      const { ranked, taken } = composeRelated({ ...input, details: near, sharedTags: shared }, keep);
      if (ranked.length < keep) {
        const skip = new Set(taken);
        for (const other of newest.get(self.section_id) ?? []) {
          if (ranked.length >= keep) break;
          if (!skip.has(other)) ranked.push({ id: other, score: 0 });
        }
      }
      return { id, ranked };
    });
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("article_related").where("article_id", "in", part).execute();
      const values = lists.flatMap(({ id, ranked }) =>
        ranked.map((r, position) => ({
          article_id: id,
          position,
          related_id: r.id,
          score: Number.isFinite(r.score) ? r.score : 999,
        })),
      );
      for (let k = 0; k < values.length; k += 1000)
        await trx
          .insertInto("article_related")
          .values(values.slice(k, k + 1000))
          .execute();
    });
    onProgress(start + part.length, ids.length);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every published article's related list from the vectors already stored (after an import has
 * indexed only its new stories): one pass in memory, without recomputing the archive's vectors.
 */
export async function relateArchive(
  db: Kysely<Database>,
  keep: number,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const ids = (
    await db.selectFrom("articles").select("id").where("status", "=", "published").orderBy("id").execute()
  ).map((r) => r.id);
  const store = new VectorStore(ids);
  for (let start = 0; start < ids.length; start += PER_TRANSACTION) {
    const part = ids.slice(start, start + PER_TRANSACTION);
    const rows = await db
      .selectFrom("article_terms")
      .select(["article_id", "term", "weight"])
      .where("article_id", "in", part)
      .execute();
    const vectors = new Map<number, WeightedTerm[]>();
    for (const r of rows) push(vectors, r.article_id, { term: r.term, weight: r.weight });
    for (const [id, vector] of vectors) store.set(id, vector);
  }
  store.invert();
  await relateAll(db, store, keep, onProgress);
}
