import { describe, expect, it } from "vitest";
import { NEAR_DUPLICATE, cosine, rankCandidates, relatedScore, termCounts, termVector } from "./related-model.js";
import { contentStems, tokenize } from "./text.js";

describe("text analysis", () => {
  it("finds words with their positions, folds case, apostrophes and accents", () => {
    const tokens = tokenize("Café owners’ rents: London's mayor — 2026!");
    expect(tokens.map((t) => t.norm)).toEqual(["cafe", "owners", "rents", "london", "mayor", "2026"]);
    expect(tokens[0]).toMatchObject({ text: "Café", start: 0, end: 4 });
  });

  it("keeps content words as stems, dropping stop words and numbers", () => {
    expect(contentStems("The councils were running the new buses in 2026")).toEqual(["council", "run", "buse"]);
  });
});

describe("the related-articles model", () => {
  const text = (headline: string, body: string, tags: string[] = []) => ({ headline, standfirst: "", body, tags });

  it("weighs headline and tags above the body", () => {
    const counts = termCounts(text("Rail strike", "A strike on the railway.", ["Transport"]));
    expect(counts.get("strike")).toBe(3);
    expect(counts.get("transport")).toBe(3);
    expect(counts.get("railwai")).toBe(1);
  });

  it("makes unit vectors in which rare words weigh most", () => {
    const df = new Map([
      ["", 100],
      ["council", 60],
      ["tram", 2],
    ]);
    const vector = termVector(
      new Map([
        ["council", 1],
        ["tram", 1],
      ]),
      (t) => df.get(t) ?? 1,
      100,
    );
    expect(vector[0]!.term).toBe("tram");
    expect(Math.hypot(...vector.map((t) => t.weight))).toBeCloseTo(1, 10);
    expect(cosine(vector, vector)).toBeCloseTo(1, 10);
    expect(termVector(new Map(), () => 1, 100)).toEqual([]);
  });

  it("keeps only the strongest terms", () => {
    const counts = new Map(Array.from({ length: 200 }, (_, i) => [`w${i}`, 1 + (i % 7)] as [string, number]));
    expect(termVector(counts, () => 1, 10, 64)).toHaveLength(64);
  });

  it("lets content lead and section, tags and time break close calls", () => {
    const base = { id: 1, similarity: 0.3, sameSection: false, sharedTags: 0, daysApart: 400 };
    expect(relatedScore({ ...base, sameSection: true })).toBeGreaterThan(relatedScore(base));
    expect(relatedScore({ ...base, sharedTags: 2 })).toBeGreaterThan(relatedScore({ ...base, sharedTags: 1 }));
    expect(relatedScore({ ...base, daysApart: 1 })).toBeGreaterThan(relatedScore(base));
    // Twice the similarity beats every nudge together.
    expect(relatedScore({ ...base, similarity: 0.6 })).toBeGreaterThan(
      relatedScore({ ...base, sameSection: true, sharedTags: 3, daysApart: 0 }),
    );
  });

  it("drops near-duplicates and ranks the rest best first", () => {
    const c = (id: number, similarity: number) => ({ id, similarity, sameSection: false, sharedTags: 0, daysApart: 0 });
    expect(rankCandidates([c(1, 0.2), c(2, NEAR_DUPLICATE), c(3, 0.6), c(4, 0.99)], 5).map((r) => r.id)).toEqual([
      3, 1,
    ]);
    expect(rankCandidates([c(1, 0.2), c(3, 0.6)], 1).map((r) => r.id)).toEqual([3]);
  });
});
