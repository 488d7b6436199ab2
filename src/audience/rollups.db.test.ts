import { sql } from "kysely";
import { beforeEach, expect, it } from "vitest";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { AudienceCounter } from "./audience-counter.js";
import { rollUpAudience } from "./audience-rollup.js";
import { hourlySeries, loadOverview } from "./overview.js";
import { topStories } from "./top.queries.js";
import * as migration from "../platform/migrations/2026-12-07-0051-audience-rollups.js";

// The screens' rollups (docs/adr/037) against the detailed rows they summarise, across a minute,
// midnight and the autumn clock change in the newsroom's zone (Europe/London: 25 October 2026,
// 02:00 BST becomes 01:00 GMT), with flushes that add to the same rows, the running windows moved
// by the roll-up (twice: the second changes nothing) and then kept current by the flush.

const TZ = "Europe/London";
const ROLLUPS = [
  "audience_site_days",
  "audience_article_days",
  "audience_section_days",
  "audience_site_minutes",
  "audience_period_articles",
] as const;
const DETAIL = ["audience_minutes", "audience_days", "audience_visitors", "audience_presence"] as const;

describeEachDatabase("audience rollups", (get) => {
  let db: Db;
  beforeEach(async () => {
    db = get().handle.db;
    for (const t of [...ROLLUPS, ...DETAIL]) await db.deleteFrom(t).execute();
    await db.updateTable("audience_periods").set({ end_day: "" }).execute();
  });

  /** The rollups recomputed from the detailed rows, to compare with what the flushes kept. */
  async function fromDetail() {
    const site = await sql<{ day: string; source: string; views: number; engaged: number }>`
      select day, source, sum(views) as views, sum(engaged_seconds) as engaged from audience_days
      group by day, source order by day, source`.execute(db);
    const articles = await sql<{ day: string; article_id: number; views: number }>`
      select day, article_id, sum(views) as views from audience_days where article_id > 0
      group by day, article_id order by day, article_id`.execute(db);
    const minutes = await sql<{ minute: string; views: number }>`
      select minute, sum(views) as views from audience_minutes group by minute order by minute`.execute(db);
    const norm = <T extends object>(rows: T[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v]),
        ),
      );
    return { site: norm(site.rows), articles: norm(articles.rows), minutes: norm(minutes.rows) };
  }
  async function kept() {
    const site = await db
      .selectFrom("audience_site_days")
      .select((eb) => [
        "day",
        "source",
        eb.fn.sum<number>("views").as("views"),
        eb.fn.sum<number>("engaged_seconds").as("engaged"),
      ])
      .groupBy(["day", "source"])
      .orderBy("day")
      .orderBy("source")
      .execute();
    const articles = await db
      .selectFrom("audience_article_days")
      .select(["day", "article_id", "views"])
      .orderBy("day")
      .orderBy("article_id")
      .execute();
    const minutes = await db
      .selectFrom("audience_site_minutes")
      .select(["minute", "views"])
      .orderBy("minute")
      .execute();
    const num = <T extends object>(rows: T[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v]),
        ),
      );
    return { site: num(site), articles: num(articles), minutes: num(minutes) };
  }

  it("keep the detailed rows' sums across a minute, midnight and the BST/GMT change; the windows move once and follow the flush", async () => {
    const politics = await buildSection(db, { slug: "politics-r", name: "Politics" });
    const sport = await buildSection(db, { slug: "sport-r", name: "Sport" });
    const a = await buildArticle(db, {
      sectionId: politics.id,
      slug: "rollup-a",
      publishedAt: new Date("2026-10-20T08:00:00Z"),
    });
    const b = await buildArticle(db, {
      sectionId: sport.id,
      slug: "rollup-b",
      publishedAt: new Date("2026-10-21T08:00:00Z"),
    });
    let clock = new Date("2026-10-24T22:59:59Z");
    const counter = new AudienceCounter(TZ, () => clock);
    const view = (at: string, articleId: number, kind: "direct" | "search" = "direct") => {
      clock = new Date(at);
      counter.record({
        kind: "view",
        pageView: `pv-${at}-${articleId}`,
        articleId,
        source: { kind, referrer: kind === "search" ? "Google" : "", campaign: "" },
      });
    };
    view("2026-10-24T22:59:59Z", a.id); // 23:59:59 BST, 24 October
    view("2026-10-24T23:00:00Z", a.id, "search"); // 00:00 BST, 25 October: the next day, the next minute
    await counter.flush(db);
    view("2026-10-24T23:00:30Z", a.id, "search"); // the same minute and day again: added, not replaced
    view("2026-10-25T00:59:59Z", b.id); // 01:59:59 BST
    view("2026-10-25T01:00:00Z", b.id); // 01:00 GMT: the hour again, the same day
    view("2026-10-25T23:59:59Z", a.id); // 23:59:59 GMT, still 25 October
    view("2026-10-26T00:00:00Z", 0); // midnight GMT: 26 October, a page that is not a story
    await counter.flush(db);

    expect(await kept()).toEqual(await fromDetail());
    const byDay = await db
      .selectFrom("audience_site_days")
      .select((eb) => ["day", eb.fn.sum<number>("views").as("views")])
      .groupBy("day")
      .orderBy("day")
      .execute();
    expect(byDay.map((r) => [r.day, Number(r.views)])).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 5],
      ["2026-10-26", 1],
    ]);
    const sections = await db
      .selectFrom("audience_section_days")
      .select(["day", "section_id", "views"])
      .orderBy("day")
      .orderBy("section_id")
      .execute();
    expect(sections.map((r) => [r.day, r.section_id, Number(r.views)])).toEqual([
      ["2026-10-24", politics.id, 1],
      ["2026-10-25", politics.id, 3],
      ["2026-10-25", sport.id, 2],
    ]);

    // 25 October has 25 hours; 01:00 BST and 01:00 GMT are two buckets of one view each.
    const hours = await hourlySeries(db, "2026-10-25", TZ);
    expect(hours).toHaveLength(25);
    expect(hours.filter((h) => h.views > 0).map((h) => [h.label, h.views])).toEqual([
      ["00:00 BST", 2],
      ["01:00 BST", 1],
      ["01:00 GMT", 1],
      ["23:00 GMT", 1],
    ]);

    // Before the windows are built, the 30 days are summed from the article days; after, read from the window.
    const now = new Date("2026-10-26T00:00:30Z");
    const before = await loadOverview(db, "30d", now, TZ);
    expect(before.stories.map((s) => [s.id, s.views])).toEqual([
      [a.id, 4],
      [b.id, 2],
    ]);
    expect(before.sections.map((s) => [s.name, s.views])).toEqual([
      ["Politics", 4],
      ["Sport", 2],
    ]);
    expect(before.totals.views).toBe(7);
    expect(before.sources).toMatchObject({ direct: 5, search: 2 });
    expect((await rollUpAudience(db, { now, today: "2026-10-26" })).windows.sort()).toEqual([30, 7]);
    expect((await rollUpAudience(db, { now, today: "2026-10-26" })).windows).toEqual([]);
    const windowed = await loadOverview(db, "30d", now, TZ);
    expect(windowed).toEqual(before);
    expect((await loadOverview(db, "7d", now, TZ)).stories).toEqual(before.stories);

    // The flush adds to the windows that cover its day; a range the windows do not cover is summed.
    view("2026-10-26T09:00:00Z", b.id);
    view("2026-10-26T09:00:05Z", b.id);
    view("2026-10-26T09:00:10Z", b.id);
    await counter.flush(db);
    const range = { from: "2026-09-27", to: "2026-10-26", today: "2026-10-26" };
    expect((await topStories(db, range, 10)).map((s) => [s.id, s.views])).toEqual([
      [b.id, 5],
      [a.id, 4],
    ]);
    const custom = { from: "2026-10-25", to: "2026-10-26", today: "2026-10-26" };
    expect((await topStories(db, custom, 10)).map((s) => [s.id, s.views])).toEqual([
      [b.id, 5],
      [a.id, 3],
    ]);
    expect(await kept()).toEqual(await fromDetail());

    // The next day: the window moves and drops nothing it should keep.
    const later = new Date("2026-10-27T00:01:00Z");
    expect((await rollUpAudience(db, { now: later, today: "2026-10-27" })).windows.sort()).toEqual([30, 7]);
    const week = await loadOverview(db, "7d", later, TZ);
    expect(week.stories.map((s) => [s.id, s.views])).toEqual([
      [b.id, 5],
      [a.id, 4],
    ]);
    expect(week.series.reduce((n, p) => n + p.views, 0)).toBe(10);
  });

  it("the migration fills the day, section and minute rollups from the rows already counted", async () => {
    const { handle } = get();
    const section = await buildSection(db, { slug: "backfill-s", name: "Backfill" });
    const story = await buildArticle(db, {
      sectionId: section.id,
      slug: "backfill-a",
      publishedAt: new Date("2026-05-01T08:00:00Z"),
    });
    const counts = { views: 3, engaged_seconds: 40, signups: 0 };
    await db
      .insertInto("audience_days")
      .values([
        { day: "2026-05-01", article_id: story.id, source: "search", referrer: "Google", campaign: "", ...counts },
        { day: "2026-05-01", article_id: story.id, source: "direct", referrer: "", campaign: "", ...counts },
        { day: "2026-05-01", article_id: 0, source: "direct", referrer: "", campaign: "", ...counts },
        {
          day: "2026-05-02",
          article_id: story.id,
          source: "",
          referrer: "",
          campaign: "",
          views: 0,
          engaged_seconds: 0,
          signups: 1,
        },
      ])
      .execute();
    await db
      .insertInto("audience_minutes")
      .values([
        { minute: "2026-05-01T09:00", article_id: story.id, source: "search", referrer: "Google", ...counts },
        { minute: "2026-05-01T09:00", article_id: 0, source: "direct", referrer: "", ...counts },
      ])
      .execute();
    await migration.down(db);
    await migration.up(db, handle.dialect);
    expect(await kept()).toEqual(await fromDetail());
    const sections = await db.selectFrom("audience_section_days").selectAll().orderBy("day").execute();
    expect(sections.map((r) => [r.day, r.section_id, Number(r.views), Number(r.signups)])).toEqual([
      ["2026-05-01", section.id, 6, 0],
      ["2026-05-02", section.id, 0, 1],
    ]);
    expect(await db.selectFrom("audience_periods").select(["span", "end_day"]).orderBy("span").execute()).toEqual([
      { span: 7, end_day: "" },
      { span: 30, end_day: "" },
    ]);
  });
});
