import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { createJobRunner } from "../../jobs.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildAuthor, buildImage, buildSection, buildTag } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import { runReindexJobs } from "../../../test/support/reindex-jobs.js";

// The newsroom's article workflow end to end through the API, on both engines: writing with
// autosaves and conflicts, revisions, review, publishing, scheduling across a restart, embargo,
// corrections, preview links, slug changes and taking an article down.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]) => ({ type: "doc", content: texts.map(paragraph) });

describeEachDatabase("newsroom articles", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-07-01T09:00:00Z");
  let contributor: SignedIn;
  let writer: SignedIn;
  let editor: SignedIn;
  let otherWriter: SignedIn;
  let sectionId = 0;
  let authorId = 0;
  let tagId = 0;
  let imageNoAlt = 0;

  const api = (who: SignedIn | undefined, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who?.headers ?? {} });
  const page = (url: string) => app.inject({ method: "GET", url });

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    sectionId = (await buildSection(db, { slug: "uk", name: "UK", position: 0 })).id;
    await buildSection(db, { slug: "world", name: "World", position: 1 });
    contributor = await signedIn(db, "contributor", clock);
    writer = await signedIn(db, "writer", clock);
    otherWriter = await signedIn(db, "writer", clock);
    editor = await signedIn(db, "editor", clock);
    authorId = (await buildAuthor(db, { slug: "cleo-contributor", name: "Cleo Contributor" })).id;
    // Cleo's profile is open to co-bylines, so the writers below may add her (docs/adr/025).
    await db
      .updateTable("authors")
      .set({ user_id: contributor.user.id, co_byline: 1 })
      .where("id", "=", authorId)
      .execute();
    tagId = (await buildTag(db, { slug: "rivers", name: "Rivers" })).id;
    imageNoAlt = (await buildImage(db, { key: "images/test/no-alt.jpg", alt: "" })).id;
    app = await buildApp({ config, db, now: () => clock, logger: false });
  });
  afterAll(() => app?.close());

  let articleId = 0;
  let version = 0;

  it("creates a draft with the contributor's byline and a slug from the headline", async () => {
    const res = await api(contributor, "POST", "/articles", { headline: "Otters return to the Thames" });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({
      status: "draft",
      slug: "otters-return-to-the-thames",
      sectionId,
      authors: [{ id: authorId, name: "Cleo Contributor" }],
      version: 1,
    });
    articleId = draft.id;
    version = draft.version;
    expect((await page(draft.url)).statusCode).toBe(404); // drafts are not on the site
  });

  it("saves against the version it was based on and refuses a stale save with both versions", async () => {
    const first = await api(contributor, "PUT", `/articles/${articleId}`, {
      baseVersion: version,
      standfirst: "Seen at Battersea for the first time in decades.",
      body: doc("An otter was filmed near the power station at dawn."),
      tagIds: [tagId],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      version: version + 1,
      wordCount: 19,
      readingMinutes: 1,
      tags: [{ name: "Rivers" }],
    });

    // An editor saves on top; the contributor's next save is still based on the old version.
    const editorSave = await api(editor, "PUT", `/articles/${articleId}`, {
      baseVersion: version + 1,
      kicker: "Wildlife",
    });
    expect(editorSave.statusCode).toBe(200);
    const stale = await api(contributor, "PUT", `/articles/${articleId}`, {
      baseVersion: version + 1,
      kicker: "Nature",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("CONFLICT");
    expect(stale.json().error.details.current).toMatchObject({ kicker: "Wildlife", version: version + 2 });
    // Nothing of the refused save was written.
    expect((await api(contributor, "GET", `/articles/${articleId}`)).json().kicker).toBe("Wildlife");
    version += 2;
  });

  it("lets exactly one of two simultaneous saves on the same version win", async () => {
    const [a, b] = await Promise.all([
      api(editor, "PUT", `/articles/${articleId}`, { baseVersion: version, seoTitle: "Otters in London" }),
      api(contributor, "PUT", `/articles/${articleId}`, { baseVersion: version, seoTitle: "Thames otters" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    version += 1;
  });

  it("refuses bad input with clear errors and changes nothing", async () => {
    const before = (await api(editor, "GET", `/articles/${articleId}`)).json();
    const bad = [
      { body: { type: "doc", content: [{ type: "script", text: "alert(1)" }] } },
      {
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
            },
          ],
        },
      },
      { slug: "🦦🦦🦦" },
      { slug: "a".repeat(500) },
      { headline: "x".repeat(201) },
      { sectionId: 999_999 },
      { html: "<p>raw</p>" },
    ];
    for (const fields of bad) {
      const res = await api(editor, "PUT", `/articles/${articleId}`, { baseVersion: version, ...fields });
      expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    const after = (await api(editor, "GET", `/articles/${articleId}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.body).toEqual(before.body);
  });

  it("normalises slugs and checks them as you type", async () => {
    const check = await api(writer, "GET", `/slug-check?slug=${encodeURIComponent("Otters Return to the Thames!")}`);
    expect(check.json()).toEqual({
      slug: "otters-return-to-the-thames",
      available: false,
      suggestion: "otters-return-to-the-thames-2",
    });
    const own = await api(editor, "GET", `/slug-check?slug=otters-return-to-the-thames&articleId=${articleId}`);
    expect(own.json().available).toBe(true);
  });

  it("keeps only the contributor's own articles within their reach", async () => {
    const others = await api(otherWriter, "POST", "/articles", { headline: "A writer's own story" });
    const id = others.json().id;
    const res = await api(contributor, "PUT", `/articles/${id}`, { baseVersion: 1, kicker: "Mine now" });
    expect(res.statusCode).toBe(403);
    expect((await api(contributor, "GET", `/articles/${id}`)).statusCode).toBe(403);
    const list = (await api(contributor, "GET", "/articles")).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([articleId]);
    expect((await api(writer, "PUT", `/articles/${id}`, { baseVersion: 1, kicker: "x" })).statusCode).toBe(403);
  });

  it("sends a contributor's article through review: submit, return with a note, resubmit, approve", async () => {
    expect((await api(contributor, "POST", `/articles/${articleId}/publish`)).statusCode).toBe(403);
    const submitted = await api(contributor, "POST", `/articles/${articleId}/submit`, {});
    expect(submitted.json().status).toBe("in_review");

    const queue = (await api(editor, "GET", "/review-queue")).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(articleId);
    expect((await api(contributor, "GET", "/review-queue")).statusCode).toBe(403);

    const returned = await api(editor, "POST", `/articles/${articleId}/return`, { note: "Add where it was filmed" });
    expect(returned.json()).toMatchObject({ status: "draft" });
    expect(returned.json().events.at(-1)).toMatchObject({
      from: "in_review",
      to: "draft",
      note: "Add where it was filmed",
    });
    const resubmitted = await api(contributor, "POST", `/articles/${articleId}/submit`, { note: "Location added" });
    version = resubmitted.json().version;

    // An image without alt text holds publication back.
    const withImage = await api(editor, "PUT", `/articles/${articleId}`, {
      baseVersion: version,
      heroMediaId: imageNoAlt,
    });
    version = withImage.json().version;
    const blocked = await api(editor, "POST", `/articles/${articleId}/publish`, { baseVersion: version });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.code).toBe("NOT_READY");
    expect(blocked.json().error.message).toMatch(/alt text/);
    version = (await api(editor, "PUT", `/articles/${articleId}`, { baseVersion: version, heroMediaId: null })).json()
      .version;

    const published = await api(editor, "POST", `/articles/${articleId}/publish`, { baseVersion: version });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", publishedAt: clock.toISOString() });
    version = published.json().version;
    const live = await page("/uk/otters-return-to-the-thames");
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain("Otters return to the Thames");
  });

  it("keeps a revision per save (coalesced per author per minute), compares two and restores one", async () => {
    const revisions = (await api(editor, "GET", `/articles/${articleId}/revisions`)).json().items;
    expect(revisions.length).toBeGreaterThanOrEqual(3);
    const oldest = revisions.at(-1);
    const newest = revisions[0];
    const diff = (await api(editor, "GET", `/articles/${articleId}/compare?a=${oldest.id}&b=${newest.id}`)).json();
    const body = diff.fields.find((f: { field: string }) => f.field === "body");
    expect(body.changes).toContainEqual({ op: "insert", text: expect.stringContaining("otter") });

    // Two quick saves by one person make one revision; a minute later, another.
    const count = async () => (await api(editor, "GET", `/articles/${articleId}/revisions`)).json().items.length;
    const n = await count();
    clock = new Date(clock.getTime() + 61_000);
    version = (await api(editor, "PUT", `/articles/${articleId}`, { baseVersion: version, kicker: "Nature" })).json()
      .version;
    version = (
      await api(editor, "PUT", `/articles/${articleId}`, { baseVersion: version, kicker: "Nature notes" })
    ).json().version;
    expect(await count()).toBe(n + 1);

    const restored = await api(editor, "POST", `/articles/${articleId}/revisions/${newest.id}/restore`, {
      baseVersion: version,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().kicker).toBe("Wildlife");
    expect(await count()).toBe(n + 2);
    version = restored.json().version;
  });

  it("appends corrections that move dateModified and keep the publication time", async () => {
    clock = new Date(clock.getTime() + 3600_000);
    const res = await api(editor, "POST", `/articles/${articleId}/notes`, {
      kind: "correction",
      text: "An earlier version placed the sighting at Chelsea.",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().publishedAt).toBe("2026-07-01T09:00:00.000Z");
    expect(res.json().updatedAt).toBe(clock.toISOString());
    expect((await api(writer, "POST", `/articles/${articleId}/notes`, { kind: "update", text: "x" })).statusCode).toBe(
      403,
    );
    const html = (await page("/uk/otters-return-to-the-thames")).body;
    expect(html).toContain("An earlier version placed the sighting at Chelsea.");
    expect(html).toMatch(/"dateModified":"2026-07-01T11:01:01\+01:00"/);
    version = res.json().version;
  });

  it("answers 301 at the old address after a slug change, and 410 once taken down", async () => {
    const renamed = await api(editor, "PUT", `/articles/${articleId}`, {
      baseVersion: version,
      slug: "otters-in-the-thames",
    });
    expect(renamed.statusCode).toBe(200);
    // A published story's new address, like any edit, waits for Update (docs/adr/019).
    expect((await page("/uk/otters-return-to-the-thames")).statusCode).toBe(200);
    const updated = await api(editor, "POST", `/articles/${articleId}/publish`, {
      baseVersion: renamed.json().version,
    });
    expect(updated.statusCode).toBe(200);
    const old = await page("/uk/otters-return-to-the-thames");
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe("/uk/otters-in-the-thames");
    // The old slug is still this article's: no other article may take it.
    expect((await api(writer, "GET", "/slug-check?slug=otters-return-to-the-thames")).json().available).toBe(false);

    const down = await api(editor, "POST", `/articles/${articleId}/unpublish`, { note: "Legal advice" });
    expect(down.json().status).toBe("unpublished");
    expect((await page("/uk/otters-in-the-thames")).statusCode).toBe(410);
    expect((await page("/uk")).body).not.toContain("Otters return");
    expect((await page("/sitemaps/news.xml")).body).not.toContain("otters-in-the-thames");
  });

  it("schedules publication in London time; the schedule survives a restart and runs when missed", async () => {
    const story = (await api(writer, "POST", "/articles", { headline: "Tower Bridge lifts for a tall ship" })).json();
    const ready = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("The bascules rose at noon."),
      authorIds: [authorId],
    });
    const past = await api(writer, "POST", `/articles/${story.id}/schedule`, {
      at: "2026-07-01T08:00:00Z",
      baseVersion: ready.json().version,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/future/);

    const at = new Date(clock.getTime() + 2 * 3600_000).toISOString();
    const scheduled = await api(writer, "POST", `/articles/${story.id}/schedule`, {
      at,
      baseVersion: ready.json().version,
    });
    expect(scheduled.json()).toMatchObject({ status: "scheduled", scheduledAt: at, version: ready.json().version + 1 });
    expect((await page(scheduled.json().url)).statusCode).toBe(404);

    // The server stops; it comes back after the time has passed.
    await app.close();
    clock = new Date(Date.parse(at) + 30 * 60_000);
    const { handle, config } = get();
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
    // The earlier tests' publications left their re-index jobs; they run first, as they were queued first.
    await runReindexJobs({ db: handle.db, config, now: () => clock });
    const runner = await createJobRunner({
      db: handle.db as never,
      config,
      mailer: createMailer(config),
      now: () => clock,
      schedules: false,
    });
    // The workflow's notification jobs are queued too (two claimed per poll): poll until all ran.
    for (let i = 0; i < 6; i++) {
      await runner.tick();
      await runner.idle();
    }
    const after = (await api(writer, "GET", `/articles/${story.id}`)).json();
    expect(after).toMatchObject({ status: "published", scheduledAt: null });
    expect(after.events.at(-1)).toMatchObject({ to: "published", user: null, note: "Scheduled publication" });
    expect((await page(after.url)).statusCode).toBe(200);
    // Running the job again (at-least-once delivery) changes nothing.
    await runner.tick();
    await runner.idle();
    expect((await api(writer, "GET", `/articles/${story.id}`)).json().version).toBe(after.version);
  });

  it("refuses to publish before the embargo, even when everything else is ready", async () => {
    const story = (await api(editor, "POST", "/articles", { headline: "Budget details under embargo" })).json();
    const embargoAt = new Date(clock.getTime() + 3600_000).toISOString();
    const { version: seen } = (
      await api(editor, "PUT", `/articles/${story.id}`, {
        baseVersion: story.version,
        body: doc("Figures arrive at noon."),
        authorIds: [authorId],
        embargoAt,
      })
    ).json();
    const now = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: seen });
    expect(now.statusCode).toBe(409);
    expect(now.json().error.code).toBe("EMBARGOED");
    const early = await api(editor, "POST", `/articles/${story.id}/schedule`, {
      at: new Date(clock.getTime() + 1800_000).toISOString(),
      baseVersion: seen,
    });
    expect(early.json().error.code).toBe("EMBARGOED");
    clock = new Date(Date.parse(embargoAt) + 1000);
    expect((await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: seen })).json().status).toBe(
      "published",
    );
  });

  it("shows a draft through a signed preview link until it is published", async () => {
    const story = (await api(writer, "POST", "/articles", { headline: "A preview of the regatta" })).json();
    const written = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Crews gather at Putney."),
      authorIds: [authorId],
    });
    const link = (await api(writer, "POST", `/articles/${story.id}/preview-link`)).json();
    const path = new URL(link.url).pathname;
    const preview = await page(path);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("A preview of the regatta");
    expect(preview.body).toContain('<meta name="robots" content="noindex"');
    expect(preview.headers["cache-control"]).toMatch(/private/);
    expect((await page(`${path.slice(0, -3)}abc`)).statusCode).toBe(404);

    await api(writer, "POST", `/articles/${story.id}/publish`, { baseVersion: written.json().version });
    expect((await page(path)).statusCode).toBe(410);
    clock = new Date(clock.getTime() + 1000);
  });

  it("queues one breaking-news alert when a breaking article is published with 'alert subscribers'", async () => {
    const story = (await api(editor, "POST", "/articles", { headline: "Bridge closed after barge strike" })).json();
    const saved = await api(editor, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("The bridge is shut in both directions."),
      authorIds: [authorId],
    });
    const notBreaking = await api(editor, "POST", `/articles/${story.id}/publish`, {
      baseVersion: saved.json().version,
      alertSubscribers: true,
    });
    expect(notBreaking.statusCode).toBe(400);
    expect(notBreaking.json().error.message).toMatch(/breaking/);
    const flagged = await api(editor, "PUT", `/articles/${story.id}`, {
      baseVersion: saved.json().version,
      breaking: true,
    });
    const first = await api(editor, "POST", `/articles/${story.id}/publish`, {
      baseVersion: flagged.json().version,
      alertSubscribers: true,
    });
    expect(first.statusCode).toBe(200);
    // Taken down and published again: still one alert.
    const down = await api(editor, "POST", `/articles/${story.id}/unpublish`, {});
    const again = await api(editor, "POST", `/articles/${story.id}/publish`, {
      baseVersion: down.json().version,
      alertSubscribers: true,
    });
    expect(again.statusCode).toBe(200);
    const jobs = await get()
      .handle.db.selectFrom("jobs")
      .select(["name", "payload"])
      .where("name", "=", "newsletter.breaking")
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ articleId: story.id });
  });
});
