import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FRONT_RAIL_HEADLINES } from "../site/home.page.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { appsWithAndWithoutCache, pageProbe } from "../../test/support/page-probe.js";

// What the reader's front added to the pages (docs/adr/027): the rail as long as its column with
// "More of today's headlines" below, the Watch block, navigation of sections with stories, and no
// featured video on stories without one. Each write shows on the next request where it is shown,
// the other pages stay cached, and nothing the cache sends differs from a fresh render.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const PAGES = ["/", "/uk", "/world", "/uk/night-buses-return", "/world/ferries-in-rotterdam", "/video"];

describeEachDatabase("invalidation of the reader's front", (get) => {
  let app: FastifyInstance;
  let oracle: FastifyInstance;
  let editor: SignedIn;
  let admin: SignedIn;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;
  let culture = { id: 0 };
  let probe = pageProbe(() => app);

  beforeAll(async () => {
    const { handle, config } = get();
    f = await buildNewsroom(handle.db);
    // A busy morning: more of today's stories than the front's rail holds.
    for (let i = 1; i <= FRONT_RAIL_HEADLINES; i++)
      await buildArticle(handle.db, {
        sectionId: f.world.id,
        slug: `busy-morning-${i}`,
        headline: `Busy morning story ${i}`,
        publishedAt: minutesAgo(60 - i),
      });
    // A section with nothing published yet: a draft only.
    culture = await buildSection(handle.db, { slug: "culture", name: "Culture", position: 2 });
    await buildArticle(handle.db, {
      sectionId: culture.id,
      slug: "opening-night",
      headline: "Opening night at the river theatre",
      publishedAt: minutesAgo(5),
      status: "draft",
      authorIds: [f.ada.id],
    });
    editor = await signedIn(handle.db, "editor", NOW);
    admin = await signedIn(handle.db, "admin", NOW);
    const apps = await appsWithAndWithoutCache(config, handle.db, () => NOW);
    ({ app, oracle } = apps);
    probe = pageProbe(() => app, { app: () => oracle, pages: apps.oraclePages });
  });
  afterAll(async () => {
    await app?.close();
    await oracle?.close();
  });

  const rail = (html: string) =>
    html.slice(
      html.indexOf('id="todays-headlines"'),
      html.indexOf("</section>", html.indexOf('id="todays-headlines"')),
    );
  const more = (html: string) => html.slice(html.indexOf('id="more-todays-headlines"'));

  it("the front's rail holds what its column allows and the rest runs on below; a new story moves one down", async () => {
    const front = (await probe.get("/")).body;
    expect(rail(front).match(/<li>/g)).toHaveLength(FRONT_RAIL_HEADLINES);
    expect(rail(front)).toContain(`Busy morning story ${FRONT_RAIL_HEADLINES}`);
    expect(more(front)).toContain("More of today's headlines");
    expect(rail(front)).toContain("Busy morning story 1<");
    expect(more(front)).toContain("Night buses return to the river crossings");
    expect(rail(front)).not.toContain("Night buses return");
    await probe.warm(...PAGES);

    const created = await probe.api(editor, "POST", "/articles", {
      headline: "Ferry strike called off",
      sectionId: f.uk.id,
    });
    const draft = await probe.api(editor, "GET", `/articles/${created.id}`);
    await probe.api(editor, "PUT", `/articles/${created.id}`, {
      baseVersion: draft.version,
      body: { type: "doc", content: [paragraph("The crews go back tonight.")] },
      authorIds: [f.ada.id],
    });
    const ready = await probe.api(editor, "GET", `/articles/${created.id}`);
    await probe.api(editor, "POST", `/articles/${created.id}/publish`, { baseVersion: ready.version });

    const after = (await probe.expectFresh("/")).body;
    expect(rail(after)).toContain("Ferry strike called off");
    expect(rail(after)).not.toContain("Busy morning story 1<");
    expect(more(after)).toContain("Busy morning story 1<");
    await probe.expectCurrent(...PAGES);
  });

  it("the featured video's new title shows in the front's Watch block; stories without a video stay cached", async () => {
    await probe.warm(...PAGES);
    await probe.api(admin, "PATCH", `/videos/${f.video.id}`, { title: "The bridge at first light" });
    const front = await probe.expectFresh("/", { has: ['id="front-video-title"', "The bridge at first light"] });
    expect(front.body).not.toContain(">Close</button>");
    await probe.expectFresh("/uk/night-buses-return", { has: ["The bridge at first light"] });
    await probe.expectCached("/world/ferries-in-rotterdam", "/uk", "/world");
    expect((await probe.get("/world/ferries-in-rotterdam")).body).not.toContain('data-island="FloatingPlayer"');
    await probe.expectCurrent(...PAGES);
  });

  it("a section appears in the navigation with its first published story, on every page at once", async () => {
    const nav = (html: string) => html.slice(html.indexOf('aria-label="Sections"'), html.indexOf("</nav>"));
    expect(nav((await probe.get("/")).body)).not.toContain('href="/culture"');
    // An empty section has no page until its first story (docs/adr/025).
    expect((await probe.get("/culture")).status).toBe(404);
    await probe.warm(...PAGES);
    const [draft] = (await probe.api(editor, "GET", "/articles?q=Opening%20night")).items as { id: number }[];
    const current = await probe.api(editor, "GET", `/articles/${draft!.id}`);
    await probe.api(editor, "POST", `/articles/${draft!.id}/publish`, { baseVersion: current.version });
    for (const url of ["/", "/world/ferries-in-rotterdam", "/video"]) {
      const page = await probe.expectFresh(url);
      expect(nav(page.body), url).toContain('href="/culture"');
    }
    await probe.expectCurrent(...PAGES, "/culture");
  });
});
