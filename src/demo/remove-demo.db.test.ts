import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { TEST_DATA_DIR, describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { signedIn } from "../../test/support/newsroom-session.js";
import { LocalDiskStorage } from "../platform/storage/storage.js";
import { removeDemo } from "./remove-demo.js";
import { seedDemo } from "./seed.js";

// `demo remove` takes the demo newsroom and only it: what the newsroom added stays, and so does a
// demo section or picture that the newsroom's own story uses.

const NOW = new Date("2026-07-01T10:00:00Z");
// A folder of its own: the seeded files are shared by every test database and must stay.
const storage = () => new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), "demo-remove-")));

describeEachDatabase("removing the demo newsroom", (get) => {
  let ownStory = 0;
  let ownSection = 0;
  let usedImage = 0;
  beforeAll(async () => {
    const db = get().handle.db;
    expect(await seedDemo(db, { dataDir: TEST_DATA_DIR, now: NOW, timeZone: "Europe/London" })).toBe(true);
    const writer = await signedIn(db, "writer", NOW);
    const uk = await db.selectFrom("sections").select("id").where("slug", "=", "uk").executeTakeFirstOrThrow();
    const image = await db.selectFrom("media").select("id").orderBy("id").executeTakeFirstOrThrow();
    usedImage = image.id;
    ownStory = (await buildArticle(db, { sectionId: uk.id, publishedAt: NOW, heroMediaId: image.id, headline: "Ours" }))
      .id;
    await db.updateTable("articles").set({ created_by: writer.user.id }).where("id", "=", ownStory).execute();
    ownSection = (await buildSection(db, { slug: "letters", name: "Letters" })).id;
  }, 120_000);

  it("says what it would remove and removes nothing without confirmation", async () => {
    const db = get().handle.db;
    const before = await db.selectFrom("articles").select("id").execute();
    const counts = await removeDemo(db, storage(), { dryRun: true });
    expect(counts.articles).toBeGreaterThan(40);
    expect(counts).toMatchObject({ videos: 1, sections: 5 });
    expect(await db.selectFrom("articles").select("id").execute()).toHaveLength(before.length);
  });

  it("removes the demo's stories, pictures, video, editions, authors, topics and empty sections, and nothing else", async () => {
    const db = get().handle.db;
    const counts = await removeDemo(db, storage());
    expect(counts.editions).toBeGreaterThan(0);
    expect(counts.authors).toBeGreaterThan(0);
    expect(counts.tags).toBeGreaterThan(0);
    const articles = await db.selectFrom("articles").select("id").execute();
    expect(articles.map((a) => a.id)).toEqual([ownStory]);
    const sections = await db.selectFrom("sections").select("slug").orderBy("slug").execute();
    expect(sections.map((s) => s.slug)).toEqual(["letters", "uk"]);
    const media = await db.selectFrom("media").select("id").execute();
    expect(media.map((m) => m.id)).toEqual([usedImage]);
    expect(await db.selectFrom("videos").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("briefings").select("id").execute()).toEqual([]);
    expect(ownSection).toBeGreaterThan(0);
    // Run again: nothing left to remove.
    expect(await removeDemo(db, storage())).toMatchObject({ articles: 0, media: 0, videos: 0, editions: 0 });
  });
});
