import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// The live blog API through HTTP on both databases: who posts straight to readers and who to
// review, hostile documents refused, edits, pins (one at a time), key events, deletes, and the
// reader's pages (newest first, stable older pages, key events, the pinned entry on top).

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const START = new Date("2026-07-01T10:00:00Z");

describeEachDatabase("live blog API", (get) => {
  let app: FastifyInstance;
  let clock = START;
  let editor: SignedIn;
  let writer: SignedIn;
  let contributor: SignedIn;
  let stranger: SignedIn;
  let liveId = 0;
  let plainId = 0;

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/newsroom${url}`,
      headers: who.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const post = async (who: SignedIn, payload: Record<string, unknown>) => {
    clock = new Date(clock.getTime() + 60_000);
    return api(who, "POST", `/articles/${liveId}/live-entries`, payload);
  };
  const read = (url: string) => app.inject({ method: "GET", url, headers: { "user-agent": "curl/8" } });

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    const uk = await buildSection(db, { slug: "uk", name: "UK" });
    editor = await signedIn(db, "editor", START);
    writer = await signedIn(db, "writer", START);
    contributor = await signedIn(db, "contributor", START);
    stranger = await signedIn(db, "writer", START);
    const article = await buildArticle(db, {
      sectionId: uk.id,
      slug: "storm-live",
      headline: "Storm Ida: live",
      publishedAt: START,
    });
    liveId = article.id;
    plainId = (await buildArticle(db, { sectionId: uk.id, slug: "plain", publishedAt: START })).id;
    // The writer and the contributor are on the story (they created it together, say).
    await db.updateTable("articles").set({ created_by: writer.user.id }).where("id", "=", liveId).execute();
    const author = await db
      .insertInto("authors")
      .values({ slug: "con", name: "Con Tributor", bio: "", user_id: contributor.user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("article_authors").values({ article_id: liveId, author_id: author.id, position: 0 }).execute();
    // A webhook listening for entries: each posted entry records one event (docs/adr/033).
    const at = START.toISOString();
    await db
      .insertInto("webhooks")
      .values({
        name: "Live desk",
        url: "https://hooks.example/live",
        events: JSON.stringify(["live.entry_posted"]),
        secret: "live-desk-secret-live-desk",
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .execute();
    app = await buildApp({ config: { ...config, pageCacheBytes: 0 }, db, now: () => clock, logger: false });
  });
  /** The entries webhooks heard of as posted, in order. */
  const heard = async () =>
    (
      await get()
        .handle.db.selectFrom("webhook_events")
        .select("data")
        .where("type", "=", "live.entry_posted")
        .orderBy("id")
        .execute()
    ).map((e) => (JSON.parse(e.data) as { entry: { id: number; title: string } }).entry);
  afterAll(async () => app?.close());

  it("turns an article into a live blog, with the right to publish it", async () => {
    expect((await api(contributor, "PUT", `/articles/${liveId}/live`, { status: "open" })).statusCode).toBe(403);
    const res = await api(editor, "PUT", `/articles/${liveId}/live`, { status: "open" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().live.status).toBe("open");
    const notLive = await api(editor, "POST", `/articles/${plainId}/live-entries`, { body: doc("x") });
    expect(notLive.statusCode).toBe(404);
  });

  it("posts an entry in one call (201 with the entry) for whoever may edit the article", async () => {
    const res = await post(editor, {
      body: doc("Winds of 90 mph at the Needles."),
      title: "Gusts peak",
      keyEvent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({ title: "Gusts peak", status: "published", keyEvent: true, pinned: false });
    expect(entry.authorName).toBe(editor.user.name);
    const byWriter = await post(writer, { body: doc("Ferries cancelled from Portsmouth.") });
    expect(byWriter.json().status).toBe("published");
    // A writer who is not on the story may not post to it.
    expect((await post(stranger, { body: doc("Not mine.") })).statusCode).toBe(403);
    expect((await heard()).map((e) => e.id)).toEqual([entry.id, byWriter.json().id]);
  });

  it("sends a contributor's entry to review; an editor approves it", async () => {
    const res = await post(contributor, { body: doc("A tree is down on the A35."), title: "Road closed" });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry.status).toBe("in_review");
    expect((await read("/uk/storm-live")).body).not.toContain("A tree is down");
    // The contributor may change it while it waits, not approve it.
    const edited = await api(contributor, "PUT", `/articles/${liveId}/live-entries/${entry.id}`, {
      title: "A35 closed",
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const approve = await api(contributor, "PUT", `/articles/${liveId}/live-entries/${entry.id}`, { publish: true });
    expect(approve.statusCode).toBe(403);
    const before = await heard();
    expect(before.map((e) => e.id)).not.toContain(entry.id);
    const approved = await api(editor, "PUT", `/articles/${liveId}/live-entries/${entry.id}`, { publish: true });
    expect(approved.json().status).toBe("published");
    // Webhooks hear of it when readers first see it, once, with the title it was approved with.
    const after = (await heard()).slice(before.length);
    expect(after.map((e) => [e.id, e.title])).toEqual([[entry.id, "A35 closed"]]);
    await api(editor, "PUT", `/articles/${liveId}/live-entries/${entry.id}`, { title: "A35 closed both ways" });
    expect(await heard()).toHaveLength(before.length + 1);
    expect((await read("/uk/storm-live")).body).toContain("A tree is down");
    // Once readers see it, it is no longer the contributor's to change.
    const late = await api(contributor, "PUT", `/articles/${liveId}/live-entries/${entry.id}`, { title: "x" });
    expect(late.statusCode).toBe(403);
  });

  it("refuses hostile and malformed documents with a clear error", async () => {
    const hostile = [
      { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] },
      {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
          },
        ],
      },
      { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [] }] },
      { type: "doc", content: [{ type: "embed", attrs: { url: "http://169.254.169.254/latest" } }] },
      "<p>html</p>",
      { type: "doc", content: [{ type: "paragraph" }] },
    ];
    for (const body of hostile) {
      const res = await post(editor, { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect((await post(editor, { title: "no body" })).statusCode).toBe(400);
    expect((await post(editor, { body: doc("x"), title: "t".repeat(201) })).statusCode).toBe(400);
    expect((await post(editor, { body: doc("x"), sneaky: true })).statusCode).toBe(400);
    expect((await post(editor, { body: doc("x"), pinned: "yes" })).statusCode).toBe(400);
  });

  it("edits (Updated HH:MM), pins one entry at a time, and deletes", async () => {
    const a = (await post(editor, { body: doc("First pinned candidate."), pinned: true })).json();
    const b = (await post(editor, { body: doc("Second pinned candidate."), pinned: true })).json();
    const list = (await api(editor, "GET", `/articles/${liveId}/live`)).json();
    const pinned = list.entries.filter((e: { pinned: boolean }) => e.pinned).map((e: { id: number }) => e.id);
    expect(pinned).toEqual([b.id]);
    clock = new Date(clock.getTime() + 5 * 60_000);
    const edited = await api(editor, "PUT", `/articles/${liveId}/live-entries/${a.id}`, {
      body: doc("First, corrected."),
    });
    expect(edited.json().editedAt).toBe(clock.toISOString());
    const page = (await read("/uk/storm-live")).body;
    expect(page).toContain("First, corrected.");
    // 11:10 BST, in the newsroom's time.
    expect(page).toMatch(/Updated <time[^>]*>11:\d\d<\/time>/);
    expect(page).toMatch(/id="live-pinned"[^>]*><article[^>]*data-entry="\d+"/);
    const del = await api(editor, "DELETE", `/articles/${liveId}/live-entries/${a.id}`);
    expect(del.statusCode).toBe(204);
    expect((await read("/uk/storm-live")).body).not.toContain("First, corrected.");
    expect((await api(editor, "DELETE", `/articles/${liveId}/live-entries/${a.id}`)).statusCode).toBe(404);
    expect((await api(editor, "PUT", `/articles/${liveId}/live-entries/999999`, { title: "x" })).statusCode).toBe(404);
  });

  it("autosaves the unposted entry per journalist and forgets it once posted", async () => {
    const draft = { title: "Half-written", body: doc("The Met Office says") };
    expect((await api(writer, "PUT", `/articles/${liveId}/live-draft`, draft)).statusCode).toBe(204);
    expect((await api(writer, "GET", `/articles/${liveId}/live`)).json().draft).toEqual(draft);
    expect((await api(editor, "GET", `/articles/${liveId}/live`)).json().draft).toBeNull();
    await post(writer, { body: doc("The Met Office says the worst has passed.") });
    expect((await api(writer, "GET", `/articles/${liveId}/live`)).json().draft).toBeNull();
  });

  it("gives others' entries to the newsroom view after the rev it has", async () => {
    const before = (await api(editor, "GET", `/articles/${liveId}/live`)).json().live.rev;
    const mine = (await post(writer, { body: doc("Power cuts in 4,000 homes.") })).json();
    const changes = (await api(editor, "GET", `/articles/${liveId}/live-entries?after=${before}`)).json();
    expect(changes.changes.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    expect(changes.rev).toBe(mine.rev);
  });

  describe("the reader's pages", () => {
    it("pages 45 entries: the newest on the live blog's address, older blocks at stable addresses", async () => {
      const { handle } = get();
      await handle.db.deleteFrom("live_entries").where("article_id", "=", liveId).execute();
      const ids: number[] = [];
      for (let i = 1; i <= 45; i++) {
        const res = await post(editor, { body: doc(`Update number ${i}.`), title: `U${i}`, keyEvent: i === 3 });
        ids.push(res.json().id);
      }
      const main = (await read("/uk/storm-live")).body;
      // Blocks of 20 from the oldest: 1-20 (page 1), 21-40 and 41-45 on the live blog's address.
      expect(main).toContain("Update number 45.");
      expect(main).toContain("Update number 21.");
      expect(main).not.toContain("Update number 20.");
      expect(main.indexOf("Update number 45.")).toBeLessThan(main.indexOf("Update number 44."));
      expect(main).toContain('href="/uk/storm-live?page=1" rel="next">Older updates');
      // Key event 3 lives on page 1: the block on top links there.
      expect(main).toContain(`href="/uk/storm-live?page=1#entry-${ids[2]}"`);
      const older = await read("/uk/storm-live?page=1");
      expect(older.statusCode).toBe(200);
      expect(older.body).toContain("Update number 1.");
      expect(older.body).toContain("Update number 20.");
      expect(older.body).not.toContain("Update number 21.");
      expect(older.body).toContain('<link rel="canonical" href="http://localhost:3000/uk/storm-live?page=1"/>');
      expect(older.body).not.toContain('data-island="LiveUpdates"');
      const moved = await read("/uk/storm-live?page=2");
      expect(moved.statusCode).toBe(302);
      expect(moved.headers.location).toBe("/uk/storm-live");
      expect((await read("/uk/storm-live?page=9")).statusCode).toBe(404);
      const keyOnly = (await read("/uk/storm-live?filter=key-events")).body;
      expect(keyOnly).toContain("Update number 3.");
      expect(keyOnly).not.toContain("Update number 4.");
      expect((await read("/uk/storm-live?page=0")).statusCode).toBe(400);
    });

    it("shows the Live badge and LiveBlogPosting while open; closing ends coverage", async () => {
      const open = (await read("/uk/storm-live")).body;
      expect(open).toContain('class="live-badge"');
      expect(open).toContain('data-island="LiveUpdates"');
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(open)![1]!);
      expect(ld["@type"]).toBe("LiveBlogPosting");
      expect(ld.coverageStartTime).toBeDefined();
      expect(ld.coverageEndTime).toBeUndefined();
      expect(ld.liveBlogUpdate[0]).toMatchObject({ "@type": "BlogPosting", headline: "U45" });
      clock = new Date(clock.getTime() + 60_000);
      expect((await api(editor, "PUT", `/articles/${liveId}/live`, { status: "closed" })).statusCode).toBe(200);
      const closed = (await read("/uk/storm-live")).body;
      expect(closed).not.toContain('class="live-badge"');
      expect(closed).not.toContain('data-island="LiveUpdates"');
      expect(closed).toContain("This live blog ended at");
      const after = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(closed)![1]!);
      expect(after.coverageEndTime).toMatch(/^2026-07-01T\d\d:\d\d:\d\d\+01:00$/);
    });
  });
});
