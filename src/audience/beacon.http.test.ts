import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { ViewCounter } from "../discovery/view-counter.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { signedIn } from "../../test/support/newsroom-session.js";
import { AudienceCounter } from "./audience-counter.js";
import { rollUpAudience } from "./audience-rollup.js";

// Counting through the beacon endpoint on both engines: views, engaged seconds, visitors by a
// daily salt (one a day, a new one the next, nothing kept that links them), bots, Sec-GPC/DNT,
// sources, and the roll-ups across midnight and a clock change, read back through the API.

const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";
const OTHER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17 Safari/605.1.15";

describeEachDatabase("audience beacon", (get) => {
  let app: FastifyInstance;
  let db: Db;
  let clock = new Date("2026-07-01T10:00:00Z");
  let audience: AudienceCounter;
  let views: ViewCounter;
  let article: { id: number };
  let other: { id: number };

  beforeAll(async () => {
    const { handle, config } = get();
    db = handle.db;
    const uk = await buildSection(db, { slug: "uk", name: "UK" });
    article = await buildArticle(db, {
      sectionId: uk.id,
      slug: "counted",
      publishedAt: new Date("2026-06-30T08:00:00Z"),
    });
    other = await buildArticle(db, { sectionId: uk.id, slug: "other", publishedAt: new Date("2026-06-29T08:00:00Z") });
    const now = () => clock;
    audience = new AudienceCounter(config.timeZone, now);
    views = new ViewCounter(now);
    app = await buildApp({ config, db, now, logger: false, audience, views });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    for (const t of [
      "audience_minutes",
      "audience_days",
      "audience_visitors",
      "audience_day_visitors",
      "audience_salts",
      "audience_presence",
      "audience_site_days",
      "audience_article_days",
      "audience_section_days",
      "audience_site_minutes",
      "audience_period_articles",
      "article_views",
    ] as const)
      await db.deleteFrom(t).execute();
  });

  let pageViews = 0;
  // Each test reads from its own address: the counter remembers today's visitors between tests.
  let reader = 0;
  beforeEach(() => {
    reader += 1;
  });
  const beacon = (
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
    address = `203.0.113.${reader}`,
  ) =>
    app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      remoteAddress: address,
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": READER, ...headers },
      payload: JSON.stringify({ i: `page${String(++pageViews).padStart(8, "0")}`, a: article.id, ...body }),
    });
  const flush = () => audience.flush(db);
  const sum = async (table: "audience_minutes" | "audience_days", column: "views" | "engaged_seconds" | "signups") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.sum<number>(column).as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it("counts views and engaged seconds, and refuses malformed beacons", async () => {
    expect((await beacon({ k: "v" })).statusCode).toBe(204);
    expect((await beacon({ k: "e", s: 15 })).statusCode).toBe(204);
    expect((await beacon({ k: "e", s: 7 })).statusCode).toBe(204);
    expect((await beacon({ k: "e" })).statusCode).toBe(400);
    expect((await beacon({ k: "e", s: 600 })).statusCode).toBe(400);
    expect((await beacon({ k: "x" })).statusCode).toBe(400);
    const bad = await app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      headers: { "content-type": "text/plain", "user-agent": READER },
      payload: "not json",
    });
    expect(bad.statusCode).toBe(400);
    await flush();
    expect(await sum("audience_minutes", "views")).toBe(1);
    expect(await sum("audience_days", "views")).toBe(1);
    expect(await sum("audience_days", "engaged_seconds")).toBe(22);
    // Most read still counts the view (the beacon feeds it; the page no longer does).
    await views.flush(db);
    const mostRead = await db
      .selectFrom("article_views")
      .select("views")
      .where("article_id", "=", article.id)
      .execute();
    expect(mostRead.map((r) => Number(r.views))).toEqual([1]);
  });

  it("does not count bots, and rows for articles that do not exist are dropped", async () => {
    await beacon(
      { k: "v" },
      { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" },
    );
    await beacon({ k: "v" }, { "user-agent": "Mozilla/5.0 HeadlessChrome/140.0.0.0 Safari/537.36" });
    await beacon({ k: "v" }, { "user-agent": "" });
    await beacon({ k: "v", a: 99_999_999 });
    await flush();
    expect(await sum("audience_days", "views")).toBe(0);
    expect(await db.selectFrom("audience_visitors").selectAll().execute()).toEqual([]);
  });

  it("one visitor a day by a daily salt, a new one the next day, and nothing left that links the two", async () => {
    clock = new Date("2026-07-01T10:00:00Z");
    await beacon({ k: "v" });
    await beacon({ k: "v" });
    await beacon({ k: "v", a: other.id });
    await beacon({ k: "v" }, { "user-agent": OTHER });
    // Sec-GPC and DNT: the view counts, no hash is kept.
    await beacon({ k: "v" }, { "sec-gpc": "1" }, "198.51.100.9");
    await beacon({ k: "v" }, { dnt: "1" }, "198.51.100.10");
    await flush();
    const day1 = await db.selectFrom("audience_visitors").selectAll().where("day", "=", "2026-07-01").execute();
    expect(day1.filter((r) => r.article_id === -1)).toHaveLength(2);
    expect(day1.filter((r) => r.article_id === article.id)).toHaveLength(2);
    expect(day1.filter((r) => r.article_id === other.id)).toHaveLength(1);
    expect(await sum("audience_days", "views")).toBe(6);
    const firstHash = day1.find((r) => r.article_id === other.id)!.visitor;

    clock = new Date("2026-07-02T09:00:00Z");
    await beacon({ k: "v", a: other.id });
    await flush();
    const day2 = await db.selectFrom("audience_visitors").selectAll().where("day", "=", "2026-07-02").execute();
    expect(day2).toHaveLength(2);
    expect(day2.map((r) => r.visitor)).not.toContain(firstHash);

    // The roll-up reduces the closed day to counts and deletes its hashes and salt.
    await rollUpAudience(db, { now: clock, today: "2026-07-02" });
    expect(await db.selectFrom("audience_visitors").select("day").where("day", "=", "2026-07-01").execute()).toEqual(
      [],
    );
    expect(await db.selectFrom("audience_salts").select("day").execute()).toEqual([{ day: "2026-07-02" }]);
    const counts = await db
      .selectFrom("audience_day_visitors")
      .select(["article_id", "visitors"])
      .where("day", "=", "2026-07-01")
      .orderBy("article_id")
      .execute();
    expect(counts.map((c) => [c.article_id, Number(c.visitors)])).toEqual([
      [-1, 2],
      [Math.min(article.id, other.id), article.id < other.id ? 2 : 1],
      [Math.max(article.id, other.id), article.id < other.id ? 1 : 2],
    ]);
    // Running it again changes nothing.
    await rollUpAudience(db, { now: clock, today: "2026-07-02" });
    expect(
      Number(
        (await db
          .selectFrom("audience_day_visitors")
          .select("visitors")
          .where("article_id", "=", -1)
          .where("day", "=", "2026-07-01")
          .executeTakeFirst())!.visitors,
      ),
    ).toBe(2);
  });

  it("names sources from referrers, our newsletter links and campaign parameters", async () => {
    clock = new Date("2026-07-01T10:00:00Z");
    await beacon({ k: "v", r: "www.google.co.uk" });
    await beacon({ k: "v", r: "duckduckgo.com" });
    await beacon({ k: "v", r: "t.co" });
    await beacon({ k: "v", r: "l.facebook.com" });
    await beacon({ k: "v", r: "news.example.org" });
    await beacon({ k: "v", r: "localhost" });
    await beacon({ k: "v" });
    await beacon({ k: "v", u: ["newsletter", "email", "morning-headlines/2026-07-01"] });
    await beacon({ k: "v", r: "www.notgoogle.com", u: ["partner", "referral", "summer"] });
    await flush();
    const rows = await db
      .selectFrom("audience_days")
      .select(["source", "referrer", "campaign", "views"])
      .orderBy("source")
      .orderBy("referrer")
      .execute();
    expect(rows.map((r) => [r.source, r.referrer, r.campaign, Number(r.views)])).toEqual([
      ["direct", "", "", 1],
      ["internal", "", "", 1],
      ["newsletter", "morning-headlines/2026-07-01", "newsletter/email/morning-headlines/2026-07-01", 1],
      ["other", "news.example.org", "", 1],
      ["other", "notgoogle.com", "partner/referral/summer", 1],
      ["search", "DuckDuckGo", "", 1],
      ["search", "Google", "", 1],
      ["social", "Facebook", "", 1],
      ["social", "X", "", 1],
    ]);
  });

  it("rolls minutes and days up across midnight and the spring clock change, and answers per story", async () => {
    // 29 March 2026: BST begins at 01:00 UTC; the newsroom's day has 23 hours.
    clock = new Date("2026-03-28T23:59:30Z"); // 23:59 GMT, 28 March
    await beacon({ k: "v", r: "www.bing.com" });
    clock = new Date("2026-03-29T00:00:10Z"); // 00:00 GMT, 29 March
    await beacon({ k: "v" });
    await beacon({ k: "e", s: 30 });
    clock = new Date("2026-03-29T22:59:50Z"); // 23:59 BST, 29 March
    await beacon({ k: "v" });
    clock = new Date("2026-03-29T23:00:05Z"); // 00:00 BST, 30 March
    await beacon({ k: "v", u: ["newsletter", "email", "morning-headlines/2026-03-30"] });
    await flush();
    const days = await db
      .selectFrom("audience_days")
      .select(["day", (eb) => eb.fn.sum<number>("views").as("views")])
      .groupBy("day")
      .orderBy("day")
      .execute();
    expect(days.map((d) => [d.day, Number(d.views)])).toEqual([
      ["2026-03-28", 1],
      ["2026-03-29", 2],
      ["2026-03-30", 1],
    ]);
    const minutes = await db.selectFrom("audience_minutes").select("minute").distinct().orderBy("minute").execute();
    expect(minutes.map((m) => m.minute)).toEqual([
      "2026-03-28T23:59",
      "2026-03-29T00:00",
      "2026-03-29T22:59",
      "2026-03-29T23:00",
    ]);

    const editor = await signedIn(db, "editor", clock);
    const writer = await signedIn(db, "writer", clock);
    const overview = await app.inject({ url: "/api/newsroom/analytics/overview?period=7d", headers: editor.headers });
    expect(overview.statusCode).toBe(200);
    const o = overview.json();
    expect(o.from).toBe("2026-03-24");
    expect(o.to).toBe("2026-03-30");
    expect(o.series.map((p: { views: number }) => p.views)).toEqual([0, 0, 0, 0, 1, 2, 1]);
    expect(o.sources).toMatchObject({ search: 1, direct: 2, newsletter: 1 });
    expect(o.stories[0]).toMatchObject({ id: article.id, views: 4, engagedSeconds: 30 });

    // The hours of 29 March: 23 of them, from 00:00 GMT to 23:00 BST.
    clock = new Date("2026-03-29T12:00:00Z");
    const today = (
      await app.inject({ url: "/api/newsroom/analytics/overview?period=today", headers: editor.headers })
    ).json();
    expect(today.series).toHaveLength(23);
    expect(today.series[0].label).toBe("00:00 GMT");
    expect(today.series[1].label).toBe("02:00 BST");
    expect(today.series[0].views).toBe(1);
    expect(today.series[22].views).toBe(1);

    clock = new Date("2026-03-30T08:00:00Z");
    const story = await app.inject({
      url: `/api/newsroom/analytics/articles/${article.id}?from=2026-03-28&to=2026-03-30`,
      headers: editor.headers,
    });
    expect(story.statusCode).toBe(200);
    expect(story.json()).toMatchObject({
      views: 4,
      engagedSeconds: 30,
      sources: { search: 1, social: 0, newsletter: 1, other: 0, direct: 2 },
    });
    // One reader: once on 28 March, once on 29 March (two views), once on 30 March.
    expect(story.json().visitors).toBe(3);
    // A writer sees their own stories' figures only, and nothing site-wide.
    const theirs = await app.inject({ url: `/api/newsroom/analytics/articles/${article.id}`, headers: writer.headers });
    expect(theirs.statusCode).toBe(403);
    expect((await app.inject({ url: "/api/newsroom/analytics/now", headers: writer.headers })).statusCode).toBe(403);
    expect(
      (await app.inject({ url: "/api/newsroom/analytics/overview?period=1y", headers: editor.headers })).statusCode,
    ).toBe(400);

    const csv = await app.inject({
      url: "/api/newsroom/analytics/overview.csv?period=7d&table=series",
      headers: editor.headers,
    });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.split("\r\n")[0]).toBe("start,label,views,visitors,engaged_seconds,signups");
    expect(csv.body).toContain("2026-03-29,2026-03-29,2,");
  });

  it("the Now screen counts pages active in the last five minutes", async () => {
    clock = new Date("2026-07-01T10:00:00Z");
    await beacon({ k: "v", i: "readerone1" } as Record<string, unknown>);
    await beacon({ k: "v", i: "readertwo2", r: "t.co" } as Record<string, unknown>);
    await beacon({ k: "v", i: "readerthree", a: other.id } as Record<string, unknown>);
    await flush();
    clock = new Date("2026-07-01T10:04:00Z");
    await beacon({ k: "e", s: 15, i: "readerone1" } as Record<string, unknown>);
    await flush();
    clock = new Date("2026-07-01T10:06:00Z");
    const editor = await signedIn(db, "editor", clock);
    const now = (await app.inject({ url: "/api/newsroom/analytics/now", headers: editor.headers })).json();
    expect(now.readers).toBe(1);
    expect(now.stories).toEqual([expect.objectContaining({ id: article.id, readers: 1 })]);
    expect(now.minutes).toHaveLength(30);
    expect(now.minutes.reduce((a: number, m: { views: number }) => a + m.views, 0)).toBe(3);
  });
});
