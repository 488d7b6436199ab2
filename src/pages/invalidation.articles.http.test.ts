import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createJobRunner } from "../jobs.js";
import { createMailer } from "../platform/mail/mailer.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { appsWithAndWithoutCache, pageProbe } from "../../test/support/page-probe.js";
import { runReindexJobs } from "../../test/support/reindex-jobs.js";
import type { PageLayer } from "./page-layer.js";

// Every write to an article, through the newsroom API (or the schedule's job): the pages it
// touched show the change on the next request, the others stay in the cache (hits counted), and
// no page the cache sends differs from a fresh render.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

const EVERY_PAGE = [
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
  "/world/late-yesterday",
  "/morning-headlines",
  "/morning-headlines/2026-07-01",
  "/morning-headlines/2026-06-30",
  "/video",
  "/feeds/rss.xml",
  "/feeds/section/uk/rss.xml",
  "/feeds/section/world/rss.xml",
  "/feeds/author/ben-marsh/atom.xml",
  "/sitemap.xml",
  "/sitemaps/news.xml",
  "/sitemaps/articles-1.xml",
];

describeEachDatabase("invalidation after article writes", (get) => {
  let app: FastifyInstance;
  let pages: PageLayer;
  let oracle: FastifyInstance;
  let editor: SignedIn;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  let clock = NOW;
  const probe = pageProbe(() => app, { app: () => oracle, pages: undefined as unknown as PageLayer });

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    editor = await signedIn(handle.db, "editor", clock);
    const apps = await appsWithAndWithoutCache(config, handle.db, () => clock);
    ({ app, pages, oracle } = apps);
    Object.assign(
      probe,
      pageProbe(() => app, { app: () => oracle, pages: apps.oraclePages }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await oracle?.close();
  });

  // A publication, an Update or a withdrawal re-indexes after commit, in a job (discovery/reindex-job.ts):
  // it rewrites the related lists the change touched and drops the pages showing them.
  const reindexed = async () => {
    const { handle, config } = get();
    expect(await runReindexJobs({ db: handle.db, config, now: () => clock, pages })).toBeGreaterThan(0);
  };

  const draft = async (id: number) => probe.api(editor, "GET", `/articles/${id}`);
  const save = async (id: number, fields: Record<string, unknown>) =>
    probe.api(editor, "PUT", `/articles/${id}`, { baseVersion: (await draft(id)).version, ...fields });

  // Edits to a published story wait in its pending copy until an editor updates it (docs/adr/019):
  // the save itself changes nothing readers see, the Update does.
  const update = async (id: number, fields: Record<string, unknown>, staysCached: string[] = []) => {
    await save(id, fields);
    await probe.expectCached(...staysCached);
    await probe.api(editor, "POST", `/articles/${id}/publish`, { baseVersion: (await draft(id)).version });
    await reindexed();
  };

  let tramId = 0;

  it("publish: the section, topic, author, home, feeds and today's headlines show it; other lists stay cached", async () => {
    const created = await probe.api(editor, "POST", "/articles", { headline: "Tram line opens", sectionId: f.uk.id });
    tramId = created.id;
    await save(tramId, {
      standfirst: "The airport is twenty minutes away.",
      body: { type: "doc", content: [paragraph("The first tram left at six with night buses waiting.")] },
      authorIds: [f.ada.id],
      tagIds: [f.transport.id],
    });
    await probe.warm(...EVERY_PAGE);
    const hits = pages.cache!.stats.hits;
    await probe.api(editor, "POST", `/articles/${tramId}/publish`, { baseVersion: (await draft(tramId)).version });
    for (const url of ["/", "/uk", "/tags/transport", "/authors/ada-okafor", "/feeds/rss.xml"])
      await probe.expectFresh(url, { has: ["Tram line opens"] });
    // The related lists it enters are rewritten by the re-index job, which drops their pages.
    await probe.warm("/uk/library-hours");
    await reindexed();
    await probe.expectFresh("/uk/library-hours", { has: ["Tram line opens"] });
    await probe.expectFresh("/uk/tram-line-opens", { has: ["The first tram left at six"] });
    await probe.expectCached("/world", "/tags/housing", "/authors/ben-marsh", "/morning-headlines", "/video");
    expect(pages.cache!.stats.hits).toBeGreaterThan(hits);
    await probe.expectCurrent(...EVERY_PAGE, "/uk/tram-line-opens");
  });

  it("update: a new headline shows wherever the story is; lists it is not in stay cached", async () => {
    await probe.warm(...EVERY_PAGE, "/uk/tram-line-opens");
    await update(tramId, { headline: "Tram line opens early" }, ["/", "/uk", "/uk/tram-line-opens"]);
    for (const url of ["/", "/uk", "/tags/transport", "/authors/ada-okafor", "/uk/tram-line-opens", "/feeds/rss.xml"])
      await probe.expectFresh(url, { has: ["Tram line opens early"] });
    await probe.expectCached("/world", "/tags/housing", "/authors/ben-marsh", "/morning-headlines/2026-06-30");
    await probe.expectCurrent(...EVERY_PAGE, "/uk/tram-line-opens");
  });

  it("a body-only update changes the story's page, not the cards that list it", async () => {
    await probe.warm(...EVERY_PAGE, "/uk/tram-line-opens");
    await update(tramId, { body: { type: "doc", content: [paragraph("Trams now run every five minutes.")] } }, [
      "/uk/tram-line-opens",
    ]);
    await probe.expectFresh("/uk/tram-line-opens", { has: ["every five minutes"] });
    await probe.expectCached("/uk", "/tags/transport", "/authors/ada-okafor", "/", "/world");
    await probe.expectCurrent(...EVERY_PAGE, "/uk/tram-line-opens");
  });

  it("correction: the story shows it at once; its listings stay cached", async () => {
    await probe.warm(...EVERY_PAGE);
    await probe.api(editor, "POST", `/articles/${f.lead.id}/notes`, {
      kind: "correction",
      text: "An earlier version gave the wrong number of routes.",
    });
    await probe.expectFresh("/uk/night-buses-return", { has: ["gave the wrong number of routes"] });
    await probe.expectCached("/uk", "/tags/housing", "/world", "/", "/morning-headlines/2026-07-01");
    await probe.expectCurrent(...EVERY_PAGE);
  });

  it("slug change: the old address moves at once, every link follows", async () => {
    await probe.warm(...EVERY_PAGE);
    await update(f.sameSection.id, { slug: "libraries-open-late" }, ["/uk", "/uk/library-hours"]);
    expect((await probe.get("/uk/library-hours")).status).toBe(301);
    await probe.expectFresh("/uk", { has: ['href="/uk/libraries-open-late"'], hasNot: ['href="/uk/library-hours"'] });
    await probe.expectFresh("/morning-headlines/2026-06-30", { has: ["/uk/libraries-open-late"] });
    await probe.expectCached("/world", "/tags/transport", "/authors/ben-marsh");
    await probe.expectCurrent(...EVERY_PAGE.filter((u) => u !== "/uk/library-hours"), "/uk/libraries-open-late");
  });

  it("unpublish: the story answers 410 and leaves every list, edition and related list at once", async () => {
    await probe.warm(...EVERY_PAGE.filter((u) => u !== "/uk/library-hours"), "/uk/libraries-open-late");
    await probe.api(editor, "POST", `/articles/${f.lead.id}/unpublish`, { note: "Legal" });
    expect((await probe.get("/uk/night-buses-return")).status).toBe(410);
    // Gone from related lists at once (its card's tag), before the job refills them.
    await probe.expectFresh("/world/ferries-in-rotterdam", { hasNot: ["Night buses return"] });
    await probe.expectCurrent("/world/ferries-in-rotterdam");
    await reindexed();
    for (const url of ["/", "/uk", "/tags/transport", "/tags/housing", "/authors/ben-marsh", "/feeds/rss.xml"])
      await probe.expectFresh(url, { hasNot: ["Night buses return to the river crossings"] });
    await probe.expectFresh("/morning-headlines/2026-07-01", { hasNot: ["Night buses return"] });
    await probe.expectCached("/world", "/morning-headlines/2026-06-30", "/video");
    await probe.expectCurrent(...EVERY_PAGE.filter((u) => !u.startsWith("/uk/")), "/uk/libraries-open-late");
  });

  it("schedule firing: the job publishes and drops what the publication changed", async () => {
    const created = await probe.api(editor, "POST", "/articles", { headline: "Bridge reopens", sectionId: f.world.id });
    await save(created.id, {
      body: { type: "doc", content: [paragraph("Traffic is back on the bridge.")] },
      authorIds: [f.ben.id],
    });
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    await probe.api(editor, "POST", `/articles/${created.id}/schedule`, {
      at,
      baseVersion: (await draft(created.id)).version,
    });
    await probe.warm("/", "/world", "/authors/ben-marsh", "/uk", "/tags/housing");
    clock = new Date(Date.parse(at) + 1000);
    const { handle, config } = get();
    const runner = await createJobRunner({
      db: handle.db,
      config,
      mailer: createMailer(config),
      now: () => clock,
      schedules: false,
      pages,
    });
    // The publication, then what it queued (notifications, the re-index after commit), two claimed
    // per poll: poll until all ran.
    for (let i = 0; i < 6; i++) {
      await runner.tick();
      await runner.idle();
    }
    for (const url of ["/", "/world", "/authors/ben-marsh"]) await probe.expectFresh(url, { has: ["Bridge reopens"] });
    await probe.expectCached("/uk", "/tags/housing");
    await probe.expectCurrent("/", "/world", "/authors/ben-marsh", "/uk", "/world/bridge-reopens", "/feeds/rss.xml");
  });

  it("many readers during an invalidation get the old or the new page, never a broken one, from one render", async () => {
    const url = "/world/ferries-in-rotterdam";
    await probe.warm(url);
    const before = (await probe.get(url)).body;
    const baseVersion = (await draft(f.sameTag.id)).version;
    const renders = pages.cache!.stats.renders;
    let written = false;
    // The headline waits in the pending copy; the Update is the write readers see.
    await probe.api(editor, "PUT", `/articles/${f.sameTag.id}`, {
      baseVersion,
      headline: "Ferries double in a busy port",
    });
    const pending = (await draft(f.sameTag.id)).version;
    const write = probe
      .api(editor, "POST", `/articles/${f.sameTag.id}/publish`, { baseVersion: pending })
      .then(() => (written = true));
    // Readers keep arriving while the write commits and invalidates, a few at every turn of the loop.
    const during: Promise<Awaited<ReturnType<typeof probe.get>>>[] = [];
    while (!written && during.length < 2000) {
      for (let i = 0; i < 5; i++) during.push(probe.get(url));
      await new Promise((r) => setImmediate(r));
    }
    await write;
    const after = await Promise.all(Array.from({ length: 40 }, () => probe.get(url)));
    const now = (await probe.get(url)).body;
    expect(now).toContain("Ferries double in a busy port");
    expect(during.length).toBeGreaterThan(5);
    for (const res of await Promise.all(during)) {
      expect(res.status).toBe(200);
      expect(res.body === before || res.body === now).toBe(true);
    }
    for (const res of after) expect(res.body).toBe(now);
    // However many readers, the write cost one render of the page.
    expect(pages.cache!.stats.renders - renders).toBe(1);
  });
});
