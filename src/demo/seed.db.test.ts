import { beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { TEST_DATA_DIR, describeEachDatabase } from "../../test/support/databases.js";
import { startOfZonedDay } from "../platform/time.js";
import { listPublishedArticles } from "../articles/article.queries.js";
import { demoArticles, seedDemo } from "./seed.js";
import { JOBS } from "../jobs.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";

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
    expect(await count("briefings")).toBe(3);
    expect(await count("media")).toBeGreaterThanOrEqual(10);
    const withHero = await db.selectFrom("articles").select("id").where("hero_media_id", "is not", null).execute();
    expect(withHero.length).toBeGreaterThanOrEqual(10);
  });

  it("seeds a live blog linked from the front page: 15+ entries over hours, key events, a pin, a correction, a picture", async () => {
    const db = get().handle.db;
    const article = await db
      .selectFrom("articles")
      .select("id")
      .where("slug", "=", "storm-ida-live")
      .executeTakeFirstOrThrow();
    const entries = await db.selectFrom("live_entries").selectAll().where("article_id", "=", article.id).execute();
    expect(entries.length).toBeGreaterThanOrEqual(15);
    const times = entries.map((e) => Date.parse(e.posted_at));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(3 * 3600_000);
    expect(entries.filter((e) => Number(e.key_event) === 1).length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => Number(e.pinned) === 1)).toHaveLength(1);
    expect(entries.filter((e) => e.edited_at !== null)).toHaveLength(1);
    expect(entries.filter((e) => e.body.includes('"type":"image"'))).toHaveLength(1);
    const app = await buildApp({ config: { ...get().config, pageCacheBytes: 0 }, db, now: () => NOW, logger: false });
    try {
      const home = await app.inject({ method: "GET", url: "/" });
      expect(home.body).toContain('href="/uk/storm-ida-live"');
      const live = await app.inject({ method: "GET", url: "/uk/storm-ida-live" });
      expect(live.statusCode).toBe(200);
      expect(live.body).toContain('class="live-badge"');
      expect(live.body).toContain("What we know so far");
    } finally {
      await app.close();
    }
  });

  it("puts stories in today's headlines, whatever the hour it runs", async () => {
    const today = await listPublishedArticles(get().handle.db, {
      since: startOfZonedDay(NOW, "Europe/London"),
      limit: 50,
    });
    expect(today.length).toBeGreaterThanOrEqual(5);
  });

  it("leaves today's Morning Headlines composed and unsent, after two sent days", async () => {
    const editions = await get()
      .handle.db.selectFrom("briefings")
      .select(["edition_date", "send_status", "status"])
      .where("newsletter", "=", "morning-headlines")
      .orderBy("edition_date")
      .execute();
    expect(editions).toEqual([
      { edition_date: "2026-11-26", send_status: "sent", status: "published" },
      { edition_date: "2026-11-27", send_status: "sent", status: "published" },
      { edition_date: "2026-11-28", send_status: "pending", status: "draft" },
    ]);
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
    expect((home.body.match(/class="section-block[ "]/g) ?? []).length).toBeGreaterThanOrEqual(6);
    const edition = await app.inject("/morning-headlines/2026-11-27");
    expect(edition.statusCode).toBe(200);
    expect(edition.body).toContain("London Daily Morning Headlines - Friday, November 27 2026");
    expect((edition.body.match(/<li><p class="kicker">/g) ?? []).length).toBeGreaterThanOrEqual(5);
    // Today's is not out yet: it is not a page.
    expect((await app.inject("/morning-headlines/2026-11-28")).statusCode).toBe(404);
    for (const a of demoArticles.slice(0, 45)) {
      const res = await app.inject(`/${a.section}/${a.slug}`);
      expect(res.statusCode, a.slug).toBe(200);
    }
    await app.close();
  });

  it("sends today's edition to a new subscriber, who gets it once", async () => {
    const { handle, config } = get();
    await subscribeTo(handle.db, "first.reader@example.org", "morning-headlines");
    const inbox = await startMailInbox();
    const runner = await inboxJobRunner({ db: handle.db, config, inbox }, () => NOW);
    try {
      await enqueue(
        handle.db,
        JOBS.send,
        { newsletter: "morning-headlines", editionDate: "2026-11-28" },
        { runAt: NOW },
      );
      await runner.run();
      const [mail] = await inbox.waitFor(1);
      expect(mail!.subject).toContain("Saturday, November 28 2026");
      await enqueue(
        handle.db,
        JOBS.send,
        { newsletter: "morning-headlines", editionDate: "2026-11-28" },
        { runAt: NOW },
      );
      await runner.run();
      await new Promise((r) => setTimeout(r, 200));
      expect(inbox.messages).toHaveLength(1);
    } finally {
      await runner.stop();
      await inbox.close();
    }
    const today = await handle.db
      .selectFrom("briefings")
      .select("send_status")
      .where("edition_date", "=", "2026-11-28")
      .executeTakeFirstOrThrow();
    expect(today.send_status).toBe("sent");
  });
});
