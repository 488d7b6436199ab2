import { contentStems } from "./text.js";

// The content model behind Related Articles (docs/adr/006): each article becomes a short unit
// vector of TF-IDF weighted stems; two articles are as related as the cosine of their vectors,
// nudged by the same section, shared tags and closeness in time. Pure functions, unit-tested;
// the queries in related.queries.ts store the vectors and rank from them.

export interface ArticleText {
  headline: string;
  standfirst: string;
  body: string;
  tags: string[];
}

/** Terms kept per article: enough for a faithful cosine, few enough that ranking stays fast. */
export const VECTOR_TERMS = 64;
/** At or above this similarity two articles are the same story told twice, not related. */
export const NEAR_DUPLICATE = 0.85;

/** Counts of each stem, tags weighing three times, the headline and standfirst twice. */
export function termCounts(text: ArticleText): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (source: string, weight: number) => {
    for (const s of contentStems(source)) counts.set(s, (counts.get(s) ?? 0) + weight);
  };
  add(text.headline, 2);
  add(text.standfirst, 2);
  add(text.tags.join(" "), 3);
  add(text.body, 1);
  return counts;
}

export function idf(df: number, totalDocs: number): number {
  return Math.log((totalDocs + 1) / (df + 1)) + 1;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * The article's vector: sublinear term frequency times IDF, cut to the strongest `size` terms and
 * scaled to unit length (so an article's similarity with itself, or a copy of itself, is 1).
 */
export function termVector(
  counts: Map<string, number>,
  documentFrequency: (term: string) => number,
  totalDocs: number,
  size = VECTOR_TERMS,
): WeightedTerm[] {
  const weighted: WeightedTerm[] = [];
  for (const [term, count] of counts) {
    weighted.push({ term, weight: (1 + Math.log(count)) * idf(documentFrequency(term), totalDocs) });
  }
  weighted.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const kept = weighted.slice(0, size);
  const norm = Math.hypot(...kept.map((t) => t.weight));
  return norm > 0 ? kept.map((t) => ({ term: t.term, weight: t.weight / norm })) : [];
}

export function cosine(a: WeightedTerm[], b: WeightedTerm[]): number {
  const weights = new Map(a.map((t) => [t.term, t.weight]));
  let sum = 0;
  for (const t of b) sum += (weights.get(t.term) ?? 0) * t.weight;
  return sum;
}

export interface Candidate {
  id: number;
  similarity: number;
  sameSection: boolean;
  sharedTags: number;
  /** Days between the two publication times. */
  daysApart: number;
}

/**
 * The final ranking score. Content carries it; section and tags (chosen by editors) break close
 * calls; a story from the same days ranks a little above an old one on the same subject.
 */
export function relatedScore(c: Candidate): number {
  return (
    c.similarity +
    (c.sameSection ? 0.05 : 0) +
    0.04 * Math.min(c.sharedTags, 3) +
    0.05 / (1 + Math.abs(c.daysApart) / 14)
  );
}

/** Near-duplicates dropped, best first, ties to the newer id. */
export function rankCandidates(candidates: Candidate[], limit: number): { id: number; score: number }[] {
  return candidates
    .filter((c) => c.similarity < NEAR_DUPLICATE)
    .map((c) => ({ id: c.id, score: relatedScore(c) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, limit);
}

export interface RelatedInputs {
  articleId: number;
  /** The most similar stories by content, best first (the article itself left out). */
  similar: { id: number; similarity: number }[];
  self: { section_id: number; published_at: string | null };
  /** The editors' pins and exclusions for the article, in their order, with the status of each story. */
  overrides: { related_id: number; kind: string; status: string }[];
  /** Section and publication time of the candidates that are published. */
  details: Map<number, { section_id: number; published_at: string | null }>;
  /** Tags each candidate shares with the article. */
  sharedTags: Map<number, number>;
}

/** The similar stories worth looking up: neither the article itself nor one the editors pinned or excluded. */
export function relatedCandidateIds(articleId: number, similar: { id: number }[], overrides: { related_id: number }[]) {
  const skip = new Set([...overrides.map((o) => o.related_id), articleId]);
  return similar.map((s) => s.id).filter((id) => !skip.has(id));
}

/**
 * An article's related list before any filling: the editors' pins first, then the best-scored
 * similar stories without near-duplicates. `taken` is what a fill (the section's newest stories)
 * must leave out. One function for the per-article query path and the one-pass rebuild.
 */
export function composeRelated(input: RelatedInputs, limit: number) {
  const { articleId, similar, self, overrides } = input;
  const pinned = overrides.filter((o) => o.kind === "pin" && o.status === "published").map((o) => o.related_id);
  const skip = new Set([...overrides.map((o) => o.related_id), articleId]);
  const similarity = new Map(similar.map((s) => [s.id, s.similarity]));
  const when = (iso: string | null) => (iso ? Date.parse(iso) : 0);
  const candidates: Candidate[] = [];
  for (const [id, d] of input.details) {
    if (skip.has(id)) continue;
    candidates.push({
      id,
      similarity: similarity.get(id) ?? 0,
      sameSection: d.section_id === self.section_id,
      sharedTags: input.sharedTags.get(id) ?? 0,
      daysApart: (when(d.published_at) - when(self.published_at)) / 86_400_000,
    });
  }
  const ranked = [...pinned.map((id) => ({ id, score: Infinity })), ...rankCandidates(candidates, limit)].slice(
    0,
    limit,
  );
  const duplicates = similar.filter((s) => s.similarity >= NEAR_DUPLICATE).map((s) => s.id);
  return { ranked, taken: [...skip, ...duplicates, ...ranked.map((r) => r.id)] };
}
