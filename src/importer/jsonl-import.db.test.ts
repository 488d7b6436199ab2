import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildSection } from "../../test/support/factories.js";
import { importJsonl, parseImportLine, plainTextToDocument } from "./jsonl-import.js";

const write = (lines: string[]) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "archive.jsonl");
  fs.writeFileSync(file, lines.join("\n"));
  return file;
};
const line = (o: object) => JSON.stringify(o);
const NOW = new Date("2026-07-01T10:00:00Z");

it("turns blank-line paragraphs into the document format", () => {
  const result = plainTextToDocument("First para\ncontinues.\n\n\nSecond.\r\n\r\nThird.");
  expect(result.ok && JSON.parse(result.json).content.map((p: any) => p.content[0].text)).toEqual([
    "First para continues.",
    "Second.",
    "Third.",
  ]);
});

it("explains what is wrong with a bad line", () => {
  expect(parseImportLine("{not json")).toEqual({ ok: false, error: "not valid JSON" });
  expect(parseImportLine(line({ body: "Text" }))).toMatchObject({ ok: false, error: expect.stringMatching(/^title:/) });
  expect(parseImportLine(line({ title: "T", body: "B", published_at: "yesterday" }))).toMatchObject({
    ok: false,
    error: expect.stringContaining("published_at"),
  });
  expect(parseImportLine(line({ title: "T", body: "x".repeat(20_001) }))).toMatchObject({
    ok: false,
    error: expect.stringMatching(/^body:/),
  });
});

describeEachDatabase("importing JSON lines", (get) => {
  it("imports good lines, reports bad ones by number, and adds nothing when run again", async () => {
    const db = get().handle.db;
    await buildSection(db, { slug: "uk", name: "UK", position: 0 });
    const file = write([
      line({ title: "Trams return to Croydon", body: "The first tram ran.\n\nCrowds cheered.", category: "Transport" }),
      "{oops",
      line({ title: "Budget day", body: "The chancellor spoke.", category: "business", author: "Ada Okafor" }),
      "",
      line({ title: "Missing body" }),
      line({
        title: "Trams return to Croydon",
        body: "A different story with the same headline.",
        author: "ada okafor",
      }),
      line({ title: "Dated", body: "Old news.", published_at: "2004-05-01T08:00:00Z" }),
    ]);
    const skipped: number[] = [];
    const summary = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      sectionFrom: "category",
      now: () => NOW,
      batchSize: 2,
      onSkip: (n) => skipped.push(n),
    });
    expect(skipped).toEqual([2, 5]);
    expect(summary).toMatchObject({ imported: 4, alreadyPresent: 0, authorsCreated: 1 });
    expect(summary.sectionsCreated.sort()).toEqual(["business", "transport"]);
    expect(summary.skipped[0]).toEqual({ line: 2, reason: "not valid JSON" });

    const rows = await db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .select(["a.slug", "a.status", "a.published_at", "s.slug as section"])
      .orderBy("a.id")
      .execute();
    expect(rows).toEqual([
      { slug: "trams-return-to-croydon", status: "published", published_at: NOW.toISOString(), section: "transport" },
      { slug: "budget-day", status: "published", published_at: NOW.toISOString(), section: "business" },
      { slug: "trams-return-to-croydon-2", status: "published", published_at: NOW.toISOString(), section: "uk" },
      { slug: "dated", status: "published", published_at: "2004-05-01T08:00:00.000Z", section: "uk" },
    ]);
    const authors = await db.selectFrom("article_authors").select("author_id").execute();
    expect(new Set(authors.map((a) => a.author_id)).size).toBe(1);
    // An empty site: the whole index is built once, after the load.
    expect(summary.indexing).toBe("rebuild");
    const listed = await db.selectFrom("article_related").select("article_id").distinct().execute();
    expect(listed.length).toBeGreaterThan(0);

    const again = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      sectionFrom: "category",
      now: () => NOW,
    });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 4, indexing: "none" });
  });

  it("imports thousands of lines in one batch, numbering clashing slugs, and finds them all the second time", async () => {
    const db = get().handle.db;
    // 4,000 lines, a quarter of them reusing an earlier headline: both look-ups see the whole batch.
    const lines = Array.from({ length: 4000 }, (_, i) =>
      line({ title: `Short story ${i % 3000}`, body: `Once upon a time, number ${i}.`, author: `Writer ${i % 7}` }),
    );
    const file = write(lines);
    const summary = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      now: () => NOW,
      batchSize: 10_000,
      index: false,
    });
    expect(summary).toMatchObject({ imported: 4000, alreadyPresent: 0, skipped: [], authorsCreated: 7 });
    const slugs = await db.selectFrom("articles").select("slug").where("slug", "like", "short-story-1-%").execute();
    expect(slugs.map((s) => s.slug).sort()).toContain("short-story-1-2");
    expect(await db.selectFrom("articles").select("id").where("slug", "=", "short-story-2999-2").execute()).toEqual([]);
    const again = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      now: () => NOW,
      index: false,
    });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 4000 });
  });

  it("indexes a small import story by story, a medium one then every list in one pass, a large one in one rebuild", async () => {
    const db = get().handle.db;
    const topic = (i: number) => (i % 2 ? "ferry river pier crossing tide" : "budget tax treasury spending");
    const archive = write(
      Array.from({ length: 42 }, (_, i) => line({ title: `Archive story ${i}`, body: `${topic(i)} ${i}.` })),
    );
    expect(
      await importJsonl(db, archive, {
        publish: true,
        undatedAt: NOW,
        createSections: true,
        section: "Archive",
        now: () => NOW,
      }),
    ).toMatchObject({
      imported: 42,
    });
    const file = write([line({ title: "Night ferry returns", body: "The ferry crossing by the pier runs at night." })]);
    const summary = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      section: "Archive",
      now: () => NOW,
    });
    expect(summary.indexing).toBe("incremental");
    const id = summary.articleIds[0]!;
    expect(
      await db.selectFrom("article_related").select("related_id").where("article_id", "=", id).execute(),
    ).not.toEqual([]);
    expect(await db.selectFrom("article_terms").select("term").where("article_id", "=", id).execute()).not.toEqual([]);

    const medium = write(
      Array.from({ length: 201 }, (_, i) => line({ title: `Wire story ${i}`, body: `${topic(i)}.` })),
    );
    const appended = await importJsonl(db, medium, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      section: "Archive",
      now: () => NOW,
    });
    expect(appended).toMatchObject({ imported: 201, indexing: "append" });
    const last = appended.articleIds.at(-1)!;
    expect(
      await db.selectFrom("article_related").select("related_id").where("article_id", "=", last).execute(),
    ).toHaveLength(8);
    expect(await db.selectFrom("article_terms").select("term").where("article_id", "=", last).execute()).not.toEqual(
      [],
    );

    const published = await db
      .selectFrom("articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    const large = write(
      Array.from({ length: Math.ceil(Number(published.n) / 3) }, (_, i) =>
        line({ title: `Feed story ${i}`, body: `${topic(i)}.` }),
      ),
    );
    expect(
      await importJsonl(db, large, {
        publish: true,
        undatedAt: NOW,
        createSections: true,
        section: "Archive",
        now: () => NOW,
      }),
    ).toMatchObject({
      indexing: "rebuild",
    });
  });

  it("finishes indexing what a stopped import left unindexed when it is run again", async () => {
    const db = get().handle.db;
    const file = write([line({ title: "Left unindexed", body: "Stopped before its index was built." })]);
    const first = await importJsonl(db, file, {
      publish: true,
      undatedAt: NOW,
      createSections: true,
      now: () => NOW,
      index: false,
    });
    const id = first.articleIds[0]!;
    expect(await db.selectFrom("article_terms").select("term").where("article_id", "=", id).execute()).toEqual([]);
    const again = await importJsonl(db, file, { publish: true, undatedAt: NOW, createSections: true, now: () => NOW });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 1, indexing: "incremental" });
    expect(await db.selectFrom("article_terms").select("term").where("article_id", "=", id).execute()).not.toEqual([]);
  });

  it("imports drafts unless asked to publish, into a named section", async () => {
    const db = get().handle.db;
    const file = write([line({ title: "A quiet draft", body: "Not yet." })]);
    const summary = await importJsonl(db, file, { section: "Archive", now: () => NOW });
    const row = await db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .select(["a.status", "a.published_at", "s.slug", "s.name"])
      .where("a.id", "=", summary.articleIds[0]!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "draft", published_at: null, slug: "archive", name: "Archive" });
  });
});
