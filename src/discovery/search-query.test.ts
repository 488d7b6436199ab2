import { describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  fts5Expression,
  highlight,
  isEmptyQuery,
  parseSearchQuery,
  snippet,
  blocksToLine,
} from "./search-query.js";

const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);
const plain = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("parsing a search query", () => {
  it("keeps words and quoted phrases, drops stop words and every operator", () => {
    const q = parseSearchQuery('The "cost of living" NEAR(rent*) -London ^tax headline:');
    expect(q.words).toEqual(["near", "rent", "london", "tax", "headline"]);
    expect(q.phrases).toEqual([["cost", "of", "living"]]);
    expect(fts5Expression(q)).toBe('"near" "rent" "london" "tax" "headline" "cost of living"');
  });

  it("reads an unbalanced quote as plain words", () => {
    const q = parseSearchQuery('"cost of living');
    expect(q.phrases).toEqual([]);
    expect(q.words).toEqual(["cost", "living"]);
  });

  it("treats SQL, emoji and punctuation as nothing to search or as plain words", () => {
    expect(parseSearchQuery("'; drop table articles; --").words).toEqual(["drop", "table", "articles"]);
    expect(isEmptyQuery(parseSearchQuery("🙂 ?! ---"))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery("the of and"))).toBe(true);
    expect(parseSearchQuery("مرحبا بالعالم").words).toEqual(["مرحبا", "بالعالم"]);
  });

  it("reads at most a few hundred characters", () => {
    const q = parseSearchQuery("word ".repeat(5000));
    expect(q.truncated).toBe(true);
    expect(q.words).toEqual(["word"]);
    expect(parseSearchQuery("x".repeat(MAX_QUERY_CHARS)).truncated).toBe(false);
  });
});

describe("highlighting", () => {
  const stems = parseSearchQuery("tram rivers").stems;

  it("marks every form of a searched word in a headline", () => {
    expect(marked(highlight("Trams on the river, a tram by the rivers", stems))).toEqual([
      "Trams",
      "river",
      "tram",
      "rivers",
    ]);
    expect(plain(highlight("Trams on the river", stems))).toBe("Trams on the river");
  });

  it("shows the passage with the most different matched words, with ellipses where it is cut", () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
    const text = `${filler(50)} a tram. ${filler(60)} trams cross the river here. ${filler(50)}`;
    const s = snippet(text, stems, 20);
    expect(marked(s)).toEqual(["trams", "river"]);
    expect(s[0]!.text.startsWith("… ")).toBe(true);
    expect(s.at(-1)!.text.endsWith(" …")).toBe(true);
  });

  it("opens the text when nothing matches, and copes with empty text", () => {
    const s = snippet("One two three four five.", stems, 3);
    expect(plain(s)).toBe("One two three …");
    expect(snippet("", stems)).toEqual([]);
  });
});

describe("a snippet's text", () => {
  it("keeps headings and list items apart instead of running them into the next block", () => {
    const body =
      "The test ran for four hours.\n\nWhy rehearse\n\nForecasters expect higher tides.\n\nTen gates closed\n\nShipping held";
    expect(blocksToLine(body)).toBe(
      "The test ran for four hours. Why rehearse · Forecasters expect higher tides. Ten gates closed · Shipping held",
    );
    const stems = parseSearchQuery("rehearse").stems;
    expect(plain(snippet(blocksToLine(body), stems))).toContain("Why rehearse · Forecasters");
  });
});
