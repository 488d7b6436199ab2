import { STOP_WORDS, stem, tokenize } from "./text.js";

// What a reader typed, made safe for either engine: only words survive (letters and digits), so
// quotes, FTS operators (NEAR, *, ^, -, :), SQL and markup have nothing to act on; a phrase in
// balanced quotes stays a phrase. The same parse drives the highlighting of results.

/** Characters of a query that are read; the rest is ignored (and the page says so). */
export const MAX_QUERY_CHARS = 300;
const MAX_WORDS = 12;
const MAX_PHRASES = 4;

export interface SearchQuery {
  /** Content words to find (all of them), normalised. */
  words: string[];
  /** Phrases to find word for word, each as normalised words. */
  phrases: string[][];
  /** Stems of every searched word, for highlighting. */
  stems: Set<string>;
  /** The query was longer than MAX_QUERY_CHARS and was cut. */
  truncated: boolean;
}

export function parseSearchQuery(raw: string): SearchQuery {
  const chars = [...raw];
  const truncated = chars.length > MAX_QUERY_CHARS;
  const text = chars
    .slice(0, MAX_QUERY_CHARS)
    .join("")
    .replace(/[“”„«»]/g, '"');

  const phrases: string[][] = [];
  const loose: string[] = [];
  const parts = text.split('"');
  // Odd-numbered parts sit between quotes; an unmatched last quote leaves plain words.
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1 && i < parts.length - 1;
    const words = tokenize(part).map((t) => t.norm);
    if (quoted && words.length > 1) phrases.push(words);
    else loose.push(...words);
  });

  const words = [...new Set(loose.filter((w) => !STOP_WORDS.has(w) && w.length > 0))].slice(0, MAX_WORDS);
  const keptPhrases = phrases.slice(0, MAX_PHRASES).map((p) => p.slice(0, MAX_WORDS));
  const stems = new Set([...words, ...keptPhrases.flat()].filter((w) => !STOP_WORDS.has(w)).map(stem));
  return { words, phrases: keptPhrases, stems, truncated };
}

export const isEmptyQuery = (q: SearchQuery) => q.words.length === 0 && q.phrases.length === 0;

/** The FTS5 MATCH expression: every word and phrase as a quoted string, all required. */
export function fts5Expression(q: SearchQuery): string {
  return [...q.words.map((w) => `"${w}"`), ...q.phrases.map((p) => `"${p.join(" ")}"`)].join(" ");
}

export interface Segment {
  text: string;
  match: boolean;
}

/** A whole short text (a headline) with the searched words marked. */
export function highlight(text: string, stems: Set<string>): Segment[] {
  return mark(text, 0, text.length, stems);
}

/**
 * The passage of a long text that best shows why it matched: the window of `size` words holding
 * the most distinct searched words (then the most matches), cut at word boundaries, with an
 * ellipsis where it is cut. Without any match it is the opening words.
 */
/**
 * The indexed text on one line for a snippet: its blocks (paragraphs, headings, list items) are
 * separated by blank lines, which HTML would collapse into a space and run "Why rehearse" into
 * "Forecasters expect…". A block that ends a sentence is followed by a space; one that does not (a
 * heading, a list item) by " · ".
 */
export function blocksToLine(text: string): string {
  return text
    .trim()
    .replace(/([.!?:;…"”’)\]])?[ \t]*\n\s*/g, (_m, end: string | undefined) => (end ? `${end} ` : " · "));
}

export function snippet(text: string, stems: Set<string>, size = 32): Segment[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const hits = tokens.map((t) => (stems.has(stem(t.norm)) ? stem(t.norm) : null));
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start < tokens.length; start++) {
    if (start > 0 && !hits[start]) continue;
    const window = hits.slice(start, start + size).filter((h): h is string => h !== null);
    const score = new Set(window).size * 100 + window.length;
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
    if (start + size >= tokens.length) break;
  }
  // Start a few words before the first match, so it reads as a sentence rather than a fragment.
  const startToken = Math.max(0, Math.min(best - 4, tokens.length - size));
  const endToken = Math.min(tokens.length, startToken + size) - 1;
  const from = startToken === 0 ? 0 : tokens[startToken]!.start;
  const to = endToken === tokens.length - 1 ? text.length : tokens[endToken]!.end;
  const segments = mark(text, from, to, stems);
  if (from > 0) segments.unshift({ text: "… ", match: false });
  if (to < text.length) segments.push({ text: " …", match: false });
  return merge(segments);
}

function mark(text: string, from: number, to: number, stems: Set<string>): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const t of tokenize(text.slice(from, to))) {
    if (!stems.has(stem(t.norm))) continue;
    const start = from + t.start;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: t.text, match: true });
    at = from + t.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), match: false });
  return merge(out);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last && last.match === s.match && !s.match) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
