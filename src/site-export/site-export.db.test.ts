import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../database.js";
import { readGhostExport } from "../importer/ghost/ghost-export.js";
import type { SiteExport } from "../importer/site-model.js";
import { importSite } from "../importer/site-import.js";
import { twoTone } from "../media/media-test-files.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { createStorage } from "../platform/storage/create-storage.js";
import { describeEachDatabase, testConfig } from "../../test/support/databases.js";
import { buildArticle, buildSection, buildVideo } from "../../test/support/factories.js";
import { filesDirOf } from "./export-format.js";
import { writeSiteExport } from "./site-export.js";
import { LoadError, loadSite } from "./site-load.js";

// The round trip: a site on SQLite (the Ghost fixture imported with its pictures, a video, a
// correction, a subscriber with consent, the front page) exported, loaded into a new database of
// each engine, and exported again: the two exports are the same, rows and file bytes.

const NOW = new Date("2026-07-01T10:00:00Z");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "site-export-"));
const sourceDir = path.join(work, "source");
const source = openDatabase({ ...testConfig(), dataDir: sourceDir });
const first = path.join(work, "first.json");

beforeAll(async () => {
  fs.mkdirSync(path.join(work, "media/2024/05"), { recursive: true });
  await twoTone(400, 300).png().toFile(path.join(work, "media/2024/05/thames.png"));
  fs.mkdirSync(sourceDir, { recursive: true });
  const db = source.db;
  await migrateToLatest(db, "sqlite");
  const news = await buildSection(db, { slug: "news", name: "News", position: 0 });
  const fixture = JSON.parse(
    fs.readFileSync(new URL("../importer/fixtures/ghost-5.json", import.meta.url), "utf8"),
  ) as unknown;
  const storage = createStorage({ dataDir: sourceDir });
  await importSite(db, readGhostExport(fixture, "http://localhost:3000") as SiteExport, {
    storage,
    mediaDir: path.join(work, "media"),
    now: () => NOW,
  });
  const video = await buildVideo(db, { title: "Río crossing" });
  const { storage_key } = await db
    .selectFrom("videos")
    .select("storage_key")
    .where("id", "=", video.id)
    .executeTakeFirstOrThrow();
  await storage.write(storage_key, Buffer.from("an MP4 stands here"));
  const corrected = await buildArticle(db, {
    sectionId: news.id,
    headline: "Corrected",
    publishedAt: NOW,
    videoId: video.id,
    notes: [{ kind: "correction", text: "An earlier version misspelt Zürich.", at: NOW }],
  });
  await db.insertInto("front_page").values({ position: 0, article_id: corrected.id }).execute();
  const subscriber = await db
    .insertInto("subscribers")
    .values({ email: "reader@example.org", created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("subscriptions")
    .values({
      subscriber_id: subscriber.id,
      newsletter_id: 1,
      status: "confirmed",
      consent: "double-opt-in",
      confirmed_at: NOW.toISOString(),
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
    })
    .execute();
  await writeSiteExport(db, storage, first, NOW);
});
afterAll(async () => {
  await source.destroy();
  fs.rmSync(work, { recursive: true, force: true });
});

describeEachDatabase("an export loaded into a new site", (get) => {
  it("comes back out unchanged", { timeout: 60_000 }, async () => {
    const { handle, dialect } = get();
    const targetDir = fs.mkdtempSync(path.join(work, `target-${dialect}-`));
    const storage = createStorage({ dataDir: targetDir });
    const loaded = await loadSite(handle.db, dialect, storage, first);
    expect(loaded.rows).toMatchObject({
      articles: 5,
      media: 1,
      videos: 1,
      subscriptions: 1,
      front_page: 1,
      article_notes: 1,
    });
    expect(loaded.files).toBeGreaterThan(3);

    const second = path.join(targetDir, "second.json");
    const { missing } = await writeSiteExport(handle.db, storage, second, NOW);
    expect(missing).toEqual([]);
    const a = JSON.parse(fs.readFileSync(first, "utf8")) as { tables: Record<string, unknown[]>; files: string[] };
    const b = JSON.parse(fs.readFileSync(second, "utf8")) as typeof a;
    expect(b.tables).toEqual(a.tables);
    expect(b.files).toEqual(a.files);
    for (const key of a.files)
      expect(
        fs.readFileSync(path.join(filesDirOf(second), key)).equals(fs.readFileSync(path.join(filesDirOf(first), key))),
      ).toBe(true);
    expect(a.tables.subscriptions![0]).toMatchObject({ consent: "double-opt-in", status: "confirmed" });

    // A new article after the load takes a fresh id (the sequences moved past the loaded ones).
    const added = await buildArticle(handle.db, { sectionId: 1, headline: "After the load", publishedAt: NOW });
    expect(added.id).toBeGreaterThan(Math.max(...a.tables.articles!.map((r) => Number((r as { id: number }).id))));
    await expect(loadSite(handle.db, dialect, storage, first)).rejects.toThrow(LoadError);
  });
});
