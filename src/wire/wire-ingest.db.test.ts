import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { textToDocument } from "../articles/document/html-to-document.js";
import type { Db } from "../database.js";
import { ingestItems } from "./wire-ingest.js";
import type { WireItemInput } from "./wire-item.js";
import { createProvider, providerInput } from "./wire-providers.js";
import { listQueue } from "./wire.queries.js";

// Storing a delivery larger than one batch, new items written with multi-row inserts: every item
// gets its row, its first version and its place in the search, in the order it came; a delivery
// that mixes new items, newer versions and repeats counts each once.

const item = (n: number, words = `plain copy number ${n}`): WireItemInput => ({
  guid: `bulk-${n}`,
  version: 1,
  headline: `Bulk story ${n}`,
  standfirst: "",
  byline: "",
  credit: "Bulk Agency",
  body: textToDocument(words),
  urgency: null,
  pubStatus: n % 100 === 7 ? "canceled" : "usable",
  embargoAt: null,
  versionAt: "2026-12-07T09:00:00.000Z",
  url: null,
  subjects: [],
  images: [],
});

describeEachDatabase("wire ingest in batches", (get) => {
  let db: Db;
  let provider: { id: number; section_id: null; default_urgency: number };
  const now = new Date("2026-12-07T12:00:00Z");

  beforeAll(async () => {
    db = get().handle.db;
    const input = providerInput.parse({
      name: "Bulk",
      sourceKind: "http",
      source: "https://bulk.example/feed",
      format: "rss",
      defaultUrgency: 6,
    });
    provider = { id: await createProvider(db, input, { userId: null }, now), section_id: null, default_urgency: 6 };
  });

  it("stores 450 items in three batches, each with its first version and index entry", async () => {
    const items = Array.from({ length: 450 }, (_, n) => item(n));
    // The same id twice in one delivery: the later one counts.
    items.push(item(3, "the later copy of three mentions a zeppelin"));
    const result = await ingestItems(db, provider, items, { versioned: false, now });
    expect(result).toMatchObject({ created: 450, updated: 0, unchanged: 0, killed: 5 });

    const rows = await db
      .selectFrom("wire_items")
      .select(["id", "guid", "urgency", "killed_at"])
      .where("provider_id", "=", provider.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.guid)).toEqual(Array.from({ length: 450 }, (_, n) => `bulk-${n}`));
    expect(rows.every((r) => r.urgency === 6)).toBe(true);
    expect(rows.filter((r) => r.killed_at !== null).map((r) => r.guid)).toEqual(
      [7, 107, 207, 307, 407].map((n) => `bulk-${n}`),
    );
    const versions = await db
      .selectFrom("wire_item_versions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(
        "item_id",
        "in",
        rows.map((r) => r.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(versions.n)).toBe(450);
    const found = await listQueue(db, { q: "zeppelin", limit: 10 });
    expect(found.items.map((i) => i.headline)).toEqual(["Bulk story 3"]);
    expect((await listQueue(db, { q: '"copy number 449"', limit: 10 })).items).toHaveLength(1);
  });

  it("counts a mixed delivery once each: new items, newer words and repeats", async () => {
    const items = [
      ...Array.from({ length: 10 }, (_, n) => item(n, `rewritten copy ${n} about a balloon`)),
      ...Array.from({ length: 10 }, (_, n) => item(10 + n)),
      ...Array.from({ length: 5 }, (_, n) => item(450 + n)),
    ];
    const result = await ingestItems(db, provider, items, { versioned: false, now });
    expect(result).toMatchObject({ created: 5, updated: 10, unchanged: 10 });
    const balloon = await listQueue(db, { q: "balloon", limit: 50 });
    expect(balloon.items).toHaveLength(10);
    expect(balloon.items.every((i) => i.version === 2)).toBe(true);
    // The old words are out of the search, not only the row.
    expect((await listQueue(db, { q: "zeppelin", limit: 10 })).items).toHaveLength(0);
  });
});
