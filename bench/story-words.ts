import { prng } from "./archive.js";

// Invented news copy for benchmarks (no outside text). Like real news, a story's words come from
// a vocabulary of its topic and from a large shared one, both Zipf-distributed: a few words are in
// most stories, most words in few. A word list of a hundred words, every story drawing from all of
// it, makes every story share all its terms with every other; no newspaper reads like that, and
// related lists and search then measure a worst case that never happens.

export const TOPICS = 60;

/** Invented words: 2–4 syllables. */
function vocabulary(r: () => number, size: number): string[] {
  const onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "pl"];
  const vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(r() * 3);
    let w = "";
    for (let i = 0; i < n; i++)
      w += onsets[Math.floor(r() * onsets.length)]! + vowels[Math.floor(r() * vowels.length)]!;
    words.add(w + (r() < 0.3 ? "n" : ""));
  }
  return [...words];
}

/** Draws from a list with Zipf weights (the first entries most often). */
function zipf<T>(r: () => number, list: T[]): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < list.length; i++) cumulative.push((sum += 1 / (i + 1)));
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

/** Sentences of one topic at a time, over a shared vocabulary of 30,000 words (`seed`: which draw). */
export class StoryWords {
  readonly vocab = vocabulary(prng(7), 30_000);
  private readonly r: () => number;
  private readonly common: () => string;
  private readonly topics: (() => string)[];

  constructor(seed: number) {
    this.r = prng(seed);
    this.common = zipf(this.r, this.vocab);
    this.topics = Array.from({ length: TOPICS }, (_, t) => {
      const tr = prng(1000 + t);
      return zipf(
        this.r,
        Array.from({ length: 400 }, () => this.vocab[Math.floor(tr() * this.vocab.length)]!),
      );
    });
  }

  /** A random number in [0, 1) from the same draw. */
  random(): number {
    return this.r();
  }

  /** A word of topic `t`: its own vocabulary a little over half the time, else the shared one. */
  word(t: number): string {
    return this.r() < 0.55 ? this.topics[t]!() : this.common();
  }

  /** `min` to `max` words of topic `t`, without the full stop. */
  words(t: number, min: number, max: number): string {
    const s = Array.from({ length: min + Math.floor(this.r() * (max - min + 1)) }, () => this.word(t)).join(" ");
    return `${s[0]!.toUpperCase()}${s.slice(1)}`;
  }

  /** A sentence of 8 to 16 words of topic `t`. */
  sentence(t: number): string {
    return `${this.words(t, 8, 16)}.`;
  }
}
