import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { textToDocument } from "../articles/document/html-to-document.js";
import type { Db } from "../database.js";
import { ingestItems } from "./wire-ingest.js";
import type { WireItemInput } from "./wire-item.js";
import { createProvider, providerInput } from "./wire-providers.js";
import { PHRASE_CANDIDATES } from "./wire-search.js";
import { listQueue, type QueueParams } from "./wire.queries.js";

// Search in a queue larger than the candidates a phrase is first checked in (PostgreSQL takes a
// second step then): every match is found, newest first, page after page, on both engines.

const COUNT = PHRASE_CANDIDATES * 4;
const item = (n: number, words: string): WireItemInput => ({
  guid: `search-${n}`,
  version: 1,
  headline: `Story ${n}`,
  standfirst: "",
  byline: "",
  credit: "Search Agency",
  body: textToDocument(words),
  urgency: null,
  pubStatus: "usable",
  embargoAt: null,
  versionAt: "2026-12-07T09:00:00.000Z",
  url: null,
  subjects: [],
  images: [],
});
// Every item holds "lantern" and "harbour", in that order; every tenth also "harbour lantern",
// every fortieth "lantern copy" (fewer than a page among the newest candidates, more beyond);
// the second one alone "quay beacon" and "lantern harbour" (words every item holds, in an order
// only it has), and the third a word and a phrase at the end of a long body.
const filler = Array.from({ length: 2500 }, (_, i) => `word${i % 400}`).join(" ");
const words = (n: number) =>
  [
    `a lantern by the harbour, copy ${n}.`,
    n % 10 === 0 ? "The harbour lantern was lit." : "",
    n % 40 === 0 ? "The lantern copy was kept." : "",
    n === 1 ? "A quay beacon, a lantern harbour." : "",
    n === 2 ? `${filler} and at the very end a zeppelin over the old gasworks.` : "",
  ].join(" ");

describeEachDatabase("wire search", (get) => {
  let db: Db;
  let providerId: number;
  const all = async (params: Omit<QueueParams, "limit" | "before">) => {
    const ids: number[] = [];
    let before: string | undefined;
    do {
      const page = await listQueue(db, { ...params, limit: 50, ...(before ? { before } : {}) });
      ids.push(...page.items.map((i) => Number(i.headline.slice(6))));
      before = page.next ?? undefined;
    } while (before);
    return ids;
  };

  beforeAll(async () => {
    db = get().handle.db;
    const input = providerInput.parse({
      name: "Search",
      sourceKind: "http",
      source: "https://search.example/feed",
      format: "rss",
    });
    providerId = await createProvider(db, input, { userId: null }, new Date());
    const provider = { id: providerId, section_id: null, default_urgency: null };
    // One delivery per item, a millisecond apart: the queue's order is the order they came in.
    const items = Array.from({ length: COUNT }, (_, n) => item(n, words(n)));
    for (let start = 0; start < COUNT; start += 200) {
      await ingestItems(db, provider, items.slice(start, start + 200), {
        versioned: false,
        now: new Date(Date.UTC(2026, 11, 7, 9, 0, 0, start)),
      });
    }
    // Statistics, as autovacuum would gather them: PostgreSQL's second step weighs its two ways by
    // the table's size, so both are taken below ("harbour lantern" walks on, "lantern copy" checks).
    await sql`analyze wire_items`.execute(db);
  }, 60_000);

  it("finds a phrase common enough to fill its pages, every match once, newest first", async () => {
    const expected = Array.from({ length: COUNT }, (_, n) => n).filter((n) => n % 10 === 0);
    const found = await all({ q: '"harbour lantern"' });
    expect(found).toHaveLength(expected.length);
    expect(new Set(found)).toEqual(new Set(expected));
  });

  it("finds a phrase too rare to fill a page from the newest candidates, newest first", async () => {
    const expected = Array.from({ length: COUNT }, (_, n) => COUNT - 1 - n).filter((n) => n % 40 === 0);
    expect(expected.length).toBeLessThan(50);
    expect(await all({ q: '"lantern copy"' })).toEqual(expected);
  });

  it("finds a rare phrase of common words in an old item", async () => {
    expect(await all({ q: '"quay beacon"' })).toEqual([1]);
    expect(await all({ q: '"lantern harbour"' })).toEqual([1]);
    expect(await all({ q: '"lantern harbour" copy' })).toEqual([1]);
    expect(await all({ q: '"lantern harbour" zeppelin' })).toEqual([]);
    expect(await all({ q: '"harbour lantern" quay' })).toEqual([]);
    expect(await all({ q: '"harbour lantern" zeppelin' })).toEqual([]);
    expect(await all({ q: '"lantern by the harbour" beacon' })).toEqual([1]);
  });

  it("finds words and phrases at the end of a long body", async () => {
    expect(await all({ q: "zeppelin" })).toEqual([2]);
    expect(await all({ q: '"old gasworks"' })).toEqual([2]);
    expect(await all({ q: '"zeppelin over the old gasworks" harbour' })).toEqual([2]);
  });

  it("keeps the queue's other conditions with a phrase", async () => {
    expect(await all({ q: '"quay beacon"', providerId: providerId + 1000 })).toEqual([]);
    expect(await all({ q: '"quay beacon"', providerId })).toEqual([1]);
    expect(await all({ q: '"quay beacon"', urgency: 1 })).toEqual([]);
    expect(await all({ q: '"lantern harbour"', providerId })).toEqual([1]);
    expect(await all({ q: '"lantern harbour"', killed: false })).toEqual([1]);
  });

  it("finds every item by words in any order", async () => {
    expect(await all({ q: "harbour lantern" })).toHaveLength(COUNT);
  });
});
