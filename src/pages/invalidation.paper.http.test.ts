import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { JOBS, createJobRunner } from "../jobs.js";
import { newsletterLinks } from "../newsletters/newsletter-links.js";
import { deliverEdition } from "../newsletters/send-edition.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { appsWithAndWithoutCache, pageProbe } from "../../test/support/page-probe.js";
import type { PageLayer } from "./page-layer.js";

// Every write to the paper around the stories (sections, topics, authors, the front page, video,
// images, newsletter editions, related lists): what it touched shows the change on the next
// request, the rest stays cached, and nothing the cache sends differs from a fresh render.

const PAGES = [
  "/",
  "/uk",
  "/world",
  "/tags/transport",
  "/tags/housing",
  "/authors/ada-okafor",
  "/authors/ben-marsh",
  "/uk/night-buses-return",
  "/uk/library-hours",
  "/world/ferries-in-rotterdam",
  "/morning-headlines",
  "/morning-headlines/2026-06-30",
  "/video",
  "/feeds/rss.xml",
  "/feeds/section/world/rss.xml",
  "/feeds/author/ben-marsh/atom.xml",
  "/sitemaps/pages.xml",
];

describeEachDatabase("invalidation after edits to the paper", (get) => {
  let app: FastifyInstance;
  let oracle: FastifyInstance;
  let pages: PageLayer;
  let admin: SignedIn;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  let probe = pageProbe(() => app);

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    admin = await signedIn(handle.db, "admin", NOW);
    const apps = await appsWithAndWithoutCache(config, handle.db, () => NOW);
    ({ app, pages, oracle } = apps);
    probe = pageProbe(() => app, { app: () => oracle, pages: apps.oraclePages });
  });
  afterAll(async () => {
    await app?.close();
    await oracle?.close();
  });

  it("an author's new name shows on their page, feeds and bylines; lists without bylines stay cached", async () => {
    await probe.warm(...PAGES);
    await probe.api(admin, "PATCH", `/authors/${f.ben.id}`, { name: "Benedict Marsh" });
    for (const url of ["/authors/ben-marsh", "/uk/night-buses-return", "/world/ferries-in-rotterdam"])
      await probe.expectFresh(url, { has: ["Benedict Marsh"] });
    await probe.expectFresh("/feeds/author/ben-marsh/atom.xml", { has: ["Benedict Marsh"] });
    await probe.expectCached("/uk", "/world", "/tags/housing", "/uk/library-hours", "/morning-headlines");
    await probe.expectCurrent(...PAGES);
  });

  it("a topic merged into another: its page goes, the other lists both; stories keep their place", async () => {
    await probe.warm(...PAGES);
    await probe.api(admin, "POST", "/tags/merge", { fromId: f.housing.id, intoId: f.transport.id });
    expect((await probe.get("/tags/housing")).status).toBe(404);
    await probe.expectFresh("/uk/night-buses-return", { hasNot: ['href="/tags/housing"'] });
    await probe.expectFresh("/sitemaps/pages.xml", { hasNot: ["/tags/housing"] });
    await probe.expectCached("/uk", "/world", "/authors/ada-okafor", "/", "/feeds/rss.xml");
    await probe.expectCurrent(...PAGES.filter((u) => u !== "/tags/housing"));
  });

  it("the front page: the editors' new lead shows on the home page alone", async () => {
    await probe.warm(...PAGES.filter((u) => u !== "/tags/housing"));
    await probe.api(admin, "PUT", "/front-page", { leadId: f.sameSection.id, topIds: [] });
    const home = await probe.expectFresh("/");
    expect(home.body.indexOf("Libraries open later")).toBeLessThan(home.body.indexOf("Night buses return"));
    await probe.expectCached("/uk", "/world", "/uk/night-buses-return", "/feeds/rss.xml", "/sitemaps/pages.xml");
    await probe.expectCurrent("/");
  });

  it("an image's new alt text shows wherever the image is", async () => {
    await probe.warm("/", "/uk", "/uk/night-buses-return", "/world", "/morning-headlines/2026-06-30");
    await probe.api(admin, "PATCH", `/media/${f.hero.id}`, { alt: "Buses on the bridge at first light" });
    for (const url of ["/", "/uk", "/uk/night-buses-return"])
      await probe.expectFresh(url, { has: ["Buses on the bridge at first light"] });
    await probe.expectCached("/world", "/morning-headlines/2026-06-30");
    await probe.expectCurrent("/", "/uk", "/uk/night-buses-return", "/world", "/uk/library-hours");
  });

  it("a video taken off the site leaves the video section, its articles' player and the sitemaps", async () => {
    await probe.warm(...PAGES.filter((u) => u !== "/tags/housing"));
    await probe.api(admin, "PATCH", `/videos/${f.video.id}`, { published: false });
    await probe.expectFresh("/video", { hasNot: ["The bridge in ten seconds"] });
    await probe.expectFresh("/sitemaps/pages.xml", { hasNot: ["/video/video-"] });
    await probe.expectCached("/uk", "/world", "/authors/ada-okafor", "/feeds/rss.xml");
    await probe.expectCurrent(...PAGES.filter((u) => u !== "/tags/housing"));
  });

  it("a newsletter edition going public: its page, the archive and the briefing rail", async () => {
    const { handle, config } = get();
    await probe.warm(...PAGES.filter((u) => u !== "/tags/housing"));
    const briefing = await handle.db
      .insertInto("briefings")
      .values({
        newsletter: "morning-headlines",
        edition_date: "2026-07-02",
        status: "draft",
        intro: "Good morning.",
        created_at: NOW.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("briefing_items")
      .values({ briefing_id: briefing.id, article_id: f.sameTag.id, position: 0, line: "" })
      .execute();
    const mailer = createMailer(config);
    const links = newsletterLinks(config.siteUrl, await loadSigner(handle.db));
    const site = { name: config.siteName, url: config.siteUrl, timeZone: config.timeZone };
    const email = { subject: "Morning Headlines", preheader: "", html: "<p>Hi</p>", text: "Hi" };
    await deliverEdition({ db: handle.db, mailer, links, site, now: () => NOW, pages }, "morning-headlines", {
      briefingId: briefing.id,
      key: "morning-headlines/2026-07-02",
      sendStatus: "pending",
      email,
      publishesPage: true,
    });
    await mailer.close();
    await probe.expectFresh("/morning-headlines", { has: ["/morning-headlines/2026-07-02"] });
    await probe.expectFresh("/uk/night-buses-return", { has: ["/morning-headlines/2026-07-02"] });
    expect((await probe.get("/morning-headlines/2026-07-02")).status).toBe(200);
    await probe.expectCached("/uk", "/world", "/morning-headlines/2026-06-30", "/feeds/rss.xml");
    await probe.expectCurrent(...PAGES.filter((u) => u !== "/tags/housing"), "/morning-headlines/2026-07-02");
  });

  it("a related-lists refresh drops exactly the pages whose list it rewrote", async () => {
    const { handle, config } = get();
    await probe.warm("/uk/night-buses-return", "/world/ferries-in-rotterdam", "/uk/library-hours", "/uk", "/");
    // A list left behind by an older ranking: the rebuild rewrites it.
    await handle.db.deleteFrom("article_related").where("article_id", "=", f.sameTag.id).execute();
    const runner = await createJobRunner({
      db: handle.db,
      config,
      mailer: createMailer(config),
      now: () => NOW,
      schedules: false,
      pages,
    });
    await enqueue(handle.db, JOBS.rebuildIndex, {}, { now: NOW });
    await runner.tick();
    await runner.idle();
    await probe.expectFresh("/world/ferries-in-rotterdam", { has: ['id="related'] });
    await probe.expectCached("/uk", "/");
    await probe.expectCurrent("/uk/night-buses-return", "/world/ferries-in-rotterdam", "/uk/library-hours");
  });

  it("a section renamed: its new name is in every page's navigation at once", async () => {
    await probe.warm(...PAGES.filter((u) => u !== "/tags/housing"));
    await probe.api(admin, "PATCH", `/sections/${f.uk.id}`, { name: "Britain" });
    for (const url of ["/", "/world", "/uk", "/uk/library-hours", "/authors/ben-marsh"])
      await probe.expectFresh(url, { has: [">Britain</a>"] });
    await probe.expectCached("/feeds/section/world/rss.xml");
    await probe.expectCurrent(...PAGES.filter((u) => u !== "/tags/housing"));
  });
});
