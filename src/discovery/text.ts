import { stemmer } from "stemmer";

// English text analysis shared by related articles and search snippets: words with their
// positions, lower-cased, stop words known, stemmed with the Porter algorithm (the `stemmer`
// package; SQLite's FTS5 `porter` tokenizer and PostgreSQL's `english` configuration stem the
// same family of suffixes, so a highlighted word is the word the engine matched).

export interface Token {
  /** The word as written. */
  text: string;
  /** Lower-cased, apostrophes and diacritics removed. */
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalise(match[0]);
    if (norm) tokens.push({ text: match[0], norm, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function normalise(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]s$/, "")
    .replace(/['’]/g, "");
}

const stems = new Map<string, string>();

/** The Porter stem of a normalised word, memoised (a news archive reuses a small vocabulary). */
export function stem(norm: string): string {
  let s = stems.get(norm);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(norm) ? norm : stemmer(norm);
    if (stems.size > 200_000) stems.clear();
    stems.set(norm, s);
  }
  return s;
}

/** Function words that say nothing about what a story is about. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each even ever few for from further get " +
    "got had has have having he her here hers herself him himself his how however i if in into is it its " +
    "itself just last like made make many may me might more most much must my myself new no nor not now " +
    "of off on once one only or other our ours ourselves out over own per said same say says she should " +
    "since so some still such than that the their theirs them themselves then there these they this " +
    "those though through to too two under until up upon us very was we were what when where whether " +
    "which while who whom whose why will with within without would year years yet you your yours " +
    "yourself yourselves mr mrs ms told"
  ).split(" "),
);

/** The content words of a text as stems, in order (stop words, numbers and single letters dropped). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.norm.length < 2 || STOP_WORDS.has(t.norm) || /^\p{N}+$/u.test(t.norm)) continue;
    out.push(stem(t.norm));
  }
  return out;
}
