import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { importJsonl, parseImportLine } from "./jsonl-import.js";

// An import against a live site (docs/adr/025): lines without a date never land on the front page
// or today's rails, sections appear only when asked for, an unknown one stops the import before it
// writes, and dates come with or without a time.

const BIN = path.resolve("bin/london-daily.js");
const write = (lines: object[]) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-live-")), "archive.jsonl");
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
};
const NOW = new Date("2026-07-01T10:00:00Z");

describeEachDatabase("an import on a live site", (get) => {
  let app: FastifyInstance;
  const home = async () => (await app.inject("/")).body;
  const count = async () =>
    Number(
      (
        await get()
          .handle.db.selectFrom("articles")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const restart = async () => {
    await app.close();
    app = await buildApp({ config: get().config, db: get().handle.db, now: () => NOW, logger: false });
  };

  beforeAll(async () => {
    const { handle, config } = get();
    const uk = await buildSection(handle.db, { slug: "uk", name: "UK", position: 0 });
    await buildSection(handle.db, { slug: "sport", name: "Sport", position: 1 });
    await buildArticle(handle.db, {
      sectionId: uk.id,
      headline: "Morning tide floods the towpath",
      publishedAt: new Date(NOW.getTime() - 3600_000),
    });
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("publishes dated lines at their dates, keeps undated ones as drafts, and leaves the front page as it was", async () => {
    const before = await home();
    expect(before).toContain("Morning tide floods the towpath");
    const file = write([
      { title: "Undated archive piece", body: "No date on this one.", category: "UK" },
      { title: "Heatwave of 2003", body: "It was hot.", category: "Weather", published_at: "2003-07-08" },
      { title: "Cup final replay", body: "A draw again.", category: "Sport", published_at: "2004-05-01T15:00:00Z" },
    ]);
    const summary = await importJsonl(get().handle.db, file, {
      publish: true,
      sectionFrom: "category",
      createSections: true,
      now: () => NOW,
    });
    expect(summary).toMatchObject({ imported: 3, published: 2, sectionsCreated: ["weather"] });
    const rows = await get()
      .handle.db.selectFrom("articles")
      .select(["headline", "status", "published_at"])
      .where("id", "in", summary.articleIds)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { headline: "Undated archive piece", status: "draft", published_at: null },
      // A date alone is that day's midnight in London (BST: 23:00 UTC the evening before).
      { headline: "Heatwave of 2003", status: "published", published_at: "2003-07-07T23:00:00.000Z" },
      { headline: "Cup final replay", status: "published", published_at: "2004-05-01T15:00:00.000Z" },
    ]);
    const after = await home();
    for (const headline of ["Undated archive piece", "Heatwave of 2003", "Cup final replay"]) {
      const start = after.indexOf("Today's headlines");
      expect(after.slice(start, after.indexOf("</section>", start))).not.toContain(headline);
    }
    // The lead is still the morning's story, and the new section has a published story, so it shows.
    const lead = after.indexOf("Morning tide floods the towpath");
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(after.indexOf("Heatwave of 2003") === -1 ? Infinity : after.indexOf("Heatwave of 2003"));
    // The navigation, as a server started now reads it: the new section has a published story.
    await restart();
    expect(await home()).toContain('href="/weather"');
  });

  it("dates undated lines with the date given, and hides a section holding only drafts from the navigation", async () => {
    const file = write([{ title: "Letters page", body: "Dear editor." }]);
    const dated = await importJsonl(get().handle.db, file, {
      publish: true,
      section: "Sport",
      undatedAt: new Date("1999-12-31T12:00:00Z"),
      now: () => NOW,
    });
    expect(dated.published).toBe(1);
    const drafts = write([{ title: "Gardening notes", body: "Plant in spring.", category: "Gardens" }]);
    await importJsonl(get().handle.db, drafts, { sectionFrom: "category", createSections: true, now: () => NOW });
    await restart();
    const page = await home();
    expect(page).toContain('href="/sport"');
    expect(page).not.toContain('href="/gardens"');
    expect((await app.inject("/gardens")).statusCode).toBe(404);
  });

  it("stops before writing when a category or --section names no section, listing the lines", async () => {
    const before = await count();
    const file = write([
      { title: "Ferry strike", body: "Boats idle.", category: "UK" },
      { title: "Ferry talks", body: "Talks resume.", category: "Transport" },
      { title: "Ferry deal", body: "Boats sail.", category: "Transport" },
    ]);
    await expect(
      importJsonl(get().handle.db, file, { sectionFrom: "category", publish: true, now: () => NOW }),
    ).rejects.toThrow(/"Transport" \(lines 2 and 3\).*--create-sections.*Nothing was imported/);
    await expect(importJsonl(get().handle.db, file, { section: "nonexistent", now: () => NOW })).rejects.toThrow(
      /^There is no section "nonexistent" \(the sections are uk, sport\b.*--create-sections/,
    );
    expect(await count()).toBe(before);

    const cli = spawnSync(process.execPath, [BIN, "import", "jsonl", file, "--section", "nonexistent"], {
      encoding: "utf8",
      env: { ...process.env, ...get().env, SEED_DEMO: "false", LOG_LEVEL: "silent" },
      timeout: 60_000,
    });
    expect(cli.stdout.trim()).toMatch(/^There is no section "nonexistent" .*Nothing was imported\.$/);
    expect(cli.status).toBe(1);
    expect(await count()).toBe(before);
  });

  it("accepts ISO dates with or without a time, and refuses a day the calendar lacks", () => {
    const at = (published_at: string) => parseImportLine(JSON.stringify({ title: "T", body: "B", published_at }));
    expect(at("2003-07-08")).toMatchObject({ ok: true, data: { published_at: "2003-07-07T23:00:00.000Z" } });
    expect(at("2003-01-08")).toMatchObject({ ok: true, data: { published_at: "2003-01-08T00:00:00.000Z" } });
    expect(at("2003-07-08T09:30:00+01:00")).toMatchObject({
      ok: true,
      data: { published_at: "2003-07-08T08:30:00.000Z" },
    });
    expect(at("2003-02-30")).toMatchObject({ ok: false, error: expect.stringContaining("ISO 8601 date (2003-07-08)") });
    expect(at("08/07/2003")).toMatchObject({ ok: false, error: expect.stringContaining("2003-07-08") });
  });
});
