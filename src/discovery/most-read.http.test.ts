import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { buildPageLayer } from "../page-layer.js";
import type { PageLayer } from "../pages/page-layer.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { listMostRead } from "./most-read.queries.js";
import { ViewCounter, isBot } from "./view-counter.js";

const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";

describe("bot detection", () => {
  it("counts browsers and ignores crawlers, tools and empty user agents", () => {
    expect(isBot(READER)).toBe(false);
    for (const ua of [
      "Googlebot/2.1 (+http://www.google.com/bot.html)",
      "curl/8.5",
      "python-requests/2.32",
      "HeadlessChrome/140",
      "",
      undefined,
    ]) {
      expect(isBot(ua), String(ua)).toBe(true);
    }
  });
});

describeEachDatabase("most read", (get) => {
  let app: FastifyInstance;
  let views: ViewCounter;
  let pages: PageLayer;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    views = new ViewCounter(() => NOW);
    pages = buildPageLayer({ config, db: handle.db, now: () => NOW, log: console });
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false, views, pages });
  });
  afterAll(() => app?.close());

  const read = (url: string, ua = READER) => app.inject({ url, headers: { "user-agent": ua } });
  // A reader's view: the page, then its beacon with the article id the page carries (docs/adr/029).
  const view = async (url: string, ua = READER) => {
    const page = await read(url, ua);
    const id = Number(/data-article-id="(\d+)"/.exec(page.body)?.[1]);
    await app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      headers: { "content-type": "text/plain", "user-agent": ua },
      payload: JSON.stringify({ k: "v", i: `view${Math.random().toString(36).slice(2, 10)}`, a: id }),
    });
  };

  it("counts readers' views (from the beacon) in memory and writes them in one batch", async () => {
    for (let i = 0; i < 3; i++) await view("/uk/library-hours");
    await view("/world/ferries-in-rotterdam");
    await view("/uk/library-hours", "Googlebot/2.1");
    expect(views.pendingCount).toBe(2);
    expect(await views.flush(get().handle.db)).toBe(2);
    expect(await views.flush(get().handle.db)).toBe(0); // nothing twice
    const rows = await get().handle.db.selectFrom("article_views").selectAll().orderBy("article_id").execute();
    expect(rows.map((r) => [r.article_id, r.hour, Number(r.views)])).toEqual([
      [f.sameTag.id, "2026-07-01T10", 1],
      [f.sameSection.id, "2026-07-01T10", 3],
    ]);
    // A second batch adds to the same hour's row.
    await view("/world/ferries-in-rotterdam");
    await views.flush(get().handle.db);
    const ferries = await get()
      .handle.db.selectFrom("article_views")
      .select("views")
      .where("article_id", "=", f.sameTag.id)
      .executeTakeFirstOrThrow();
    expect(Number(ferries.views)).toBe(2);
  });

  it("ranks the last 24 hours by views, published stories only", async () => {
    const db = get().handle.db;
    const since = new Date(NOW.getTime() - 24 * 3600_000);
    expect((await listMostRead(db, since, 5)).map((h) => h.url)).toEqual([
      "/uk/library-hours",
      "/world/ferries-in-rotterdam",
    ]);
    await db
      .insertInto("article_views")
      .values({ article_id: f.lateYesterday.id, hour: "2026-06-29T10", views: 99 })
      .execute();
    await db.insertInto("article_views").values({ article_id: f.draft.id, hour: "2026-07-01T09", views: 50 }).execute();
    expect((await listMostRead(db, since, 5)).map((h) => h.url)).toEqual([
      "/uk/library-hours",
      "/world/ferries-in-rotterdam",
    ]);
  });

  it("shows Most read on the home page and under articles, topped up with the newest", async () => {
    await pages.refreshRails(); // what the rails' interval does: the views written above show now
    const home = (await read("/")).body;
    const list = home.slice(home.indexOf('id="most-read"'), home.indexOf("</section>", home.indexOf('id="most-read"')));
    expect(list.indexOf("Libraries open later")).toBeLessThan(list.indexOf("Ferries double"));
    expect(list).toContain("Night buses return"); // topped up from the newest
    const article = (await read("/uk/night-buses-return")).body;
    expect(article).toContain('id="most-read"');
  });

  it("drops views of an article deleted before the flush", async () => {
    const db = get().handle.db;
    const counter = new ViewCounter(() => NOW);
    counter.record(f.justAfterMidnight.id, READER);
    counter.record(999_999, READER);
    expect(await counter.flush(db)).toBe(1);
  });
});
