import { beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { TEST_DATA_DIR, describeEachDatabase } from "../../test/support/databases.js";
import { startOfZonedDay } from "../platform/time.js";
import { listPublishedArticles } from "../articles/article.queries.js";
import { demoArticles, seedDemo } from "./seed.js";

const NOW = new Date("2026-11-28T16:00:00Z");

describeEachDatabase("demo newsroom seed", (get) => {
  beforeAll(async () => {
    const seeded = await seedDemo(get().handle.db, { dataDir: TEST_DATA_DIR, now: NOW, timeZone: "Europe/London" });
    expect(seeded).toBe(true);
  }, 120_000);

  it("seeds a full newspaper", async () => {
    const db = get().handle.db;
    const count = async (table: "articles" | "sections" | "authors" | "videos" | "briefings" | "media") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("articles")).toBe(demoArticles.length);
    expect(demoArticles.length).toBeGreaterThanOrEqual(40);
    expect(await count("sections")).toBeGreaterThanOrEqual(6);
    expect(await count("authors")).toBeGreaterThanOrEqual(6);
    expect(await count("videos")).toBe(1);
    expect(await count("briefings")).toBe(1);
    expect(await count("media")).toBeGreaterThanOrEqual(10);
    const withHero = await db.selectFrom("articles").select("id").where("hero_media_id", "is not", null).execute();
    expect(withHero.length).toBeGreaterThanOrEqual(10);
  });

  it("puts stories in today's headlines, whatever the hour it runs", async () => {
    const today = await listPublishedArticles(get().handle.db, {
      since: startOfZonedDay(NOW, "Europe/London"),
      limit: 50,
    });
    expect(today.length).toBeGreaterThanOrEqual(5);
  });

  it("does nothing the second time", async () => {
    expect(await seedDemo(get().handle.db, { dataDir: TEST_DATA_DIR, now: NOW, timeZone: "Europe/London" })).toBe(
      false,
    );
  });

  it("serves a front page with every section and the Morning Headlines edition", async () => {
    const { config, handle } = get();
    const app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
    const home = await app.inject("/");
    expect(home.statusCode).toBe(200);
    expect((home.body.match(/class="section-block"/g) ?? []).length).toBeGreaterThanOrEqual(6);
    const edition = await app.inject("/morning-headlines/2026-11-28");
    expect(edition.statusCode).toBe(200);
    expect(edition.body).toContain("London Daily Morning Headlines - Saturday, November 28 2026");
    expect((edition.body.match(/<li><p class="kicker">/g) ?? []).length).toBeGreaterThanOrEqual(5);
    for (const a of demoArticles.slice(0, 45)) {
      const res = await app.inject(`/${a.section}/${a.slug}`);
      expect(res.statusCode, a.slug).toBe(200);
    }
    await app.close();
  });
});
