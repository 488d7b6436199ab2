import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertEntry, setLiveStatus } from "../live/live.writes.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { appsWithAndWithoutCache, pageProbe } from "../../test/support/page-probe.js";
import type { PageLayer } from "./page-layer.js";

// A live blog's writes drop exactly its own cached pages (every page of it) and its polling JSON:
// the home page, the lists, the feeds and every other story stay cached (docs/adr/028).

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const OTHER_PAGES = [
  "/",
  "/uk",
  "/world",
  "/tags/transport",
  "/authors/ada-okafor",
  "/uk/library-hours",
  "/world/ferries-in-rotterdam",
  "/morning-headlines",
  "/feeds/rss.xml",
  "/feeds/section/uk/rss.xml",
  "/sitemap.xml",
  "/sitemaps/news.xml",
];
const LIVE = "/uk/night-buses-return";

describeEachDatabase("invalidation after live blog writes", (get) => {
  let app: FastifyInstance;
  let oracle: FastifyInstance;
  let editor: SignedIn;
  let liveId = 0;
  const probe = pageProbe(() => app, { app: () => oracle, pages: undefined as unknown as PageLayer });
  const json = () => `/live/${liveId}/updates.json`;
  let clock = NOW;

  beforeAll(async () => {
    const { handle, config } = get();
    const f = await buildNewsroom(handle.db);
    liveId = f.lead.id;
    editor = await signedIn(handle.db, "editor", NOW);
    await setLiveStatus(handle.db, liveId, "open", NOW);
    for (let i = 1; i <= 45; i++) {
      const at = new Date(NOW.getTime() - (50 - i) * 60_000);
      const entry = { articleId: liveId, title: "", body: doc(`Earlier update ${i}.`), status: "published" as const };
      await insertEntry(
        handle.db,
        { ...entry, pinned: false, keyEvent: false, authorId: editor.user.id, authorName: "Ed" },
        at,
      );
    }
    const apps = await appsWithAndWithoutCache(config, handle.db, () => clock);
    ({ app, oracle } = apps);
    Object.assign(
      probe,
      pageProbe(() => app, { app: () => oracle, pages: apps.oraclePages }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await oracle?.close();
  });

  const every = () => [...OTHER_PAGES, LIVE, `${LIVE}?page=1`, `${LIVE}?filter=key-events`, json()];

  it("an entry drops the live blog's pages and JSON, and nothing else", async () => {
    await probe.warm(...every());
    clock = new Date(clock.getTime() + 60_000);
    const posted = await probe.api(editor, "POST", `/articles/${liveId}/live-entries`, {
      body: doc("The first night bus crossed at 00:12."),
      keyEvent: true,
      title: "First bus across",
    });
    await probe.expectFresh(LIVE, { has: ["The first night bus crossed at 00:12.", "First bus across"] });
    await probe.expectFresh(json(), { has: ["The first night bus crossed at 00:12."] });
    await probe.expectFresh(`${LIVE}?filter=key-events`, { has: ["First bus across"] });
    await probe.expectCached(...OTHER_PAGES);
    await probe.expectCurrent(...every());
    expect(JSON.parse((await probe.get(json())).body).rev).toBe(posted.rev);
  });

  it("an edit and a delete do the same; closing removes the badge and nothing else", async () => {
    const { entries } = await probe.api(editor, "GET", `/articles/${liveId}/live`);
    const newest = entries[0];
    await probe.warm(...every());
    clock = new Date(clock.getTime() + 60_000);
    await probe.api(editor, "PUT", `/articles/${liveId}/live-entries/${newest.id}`, { title: "First bus, on time" });
    await probe.expectFresh(LIVE, { has: ["First bus, on time"] });
    await probe.expectCached(...OTHER_PAGES);
    await probe.warm(LIVE, json());
    const del = await app.inject({
      method: "DELETE",
      url: `/api/newsroom/articles/${liveId}/live-entries/${newest.id}`,
      headers: editor.headers,
    });
    expect(del.statusCode).toBe(204);
    await probe.expectFresh(LIVE, { hasNot: ["First bus, on time"] });
    await probe.expectFresh(json(), { hasNot: ["First bus, on time"] });
    await probe.expectCached(...OTHER_PAGES);
    await probe.warm(LIVE, json());
    await probe.api(editor, "PUT", `/articles/${liveId}/live`, { status: "closed" });
    await probe.expectFresh(LIVE, { hasNot: ['class="live-badge"'], has: ["This live blog ended at"] });
    await probe.expectFresh(json(), { has: ['"status":"closed"'] });
    await probe.expectCached(...OTHER_PAGES);
    await probe.expectCurrent(...every());
  });
});
