import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildAuthor, buildSection } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import { runReindexJobs } from "../../../test/support/reindex-jobs.js";

// A published story does not change while its writer types (docs/adr/019): saves land in a pending
// copy; readers (the page, feeds, the Content API, search) keep the live text until someone who may
// publish it presses Update; Discard drops the copy; a contributor's edits wait for an editor.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]) => ({ type: "doc", content: texts.map(paragraph) });

interface Story {
  id: number;
  version: number;
  url: string;
  slug: string;
  publishedAt: string;
}

describeEachDatabase("staged updates", (get) => {
  let app: FastifyInstance;
  const clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let editor: SignedIn;
  let contributor: SignedIn;

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  /** A story by `author`, written and put live by `publisher`. */
  async function publishedStory(author: SignedIn, headline: string, text: string, publisher = author): Promise<Story> {
    const created = (await api(author, "POST", "/articles", { headline })).json();
    const saved = await api(author, "PUT", `/articles/${created.id}`, {
      baseVersion: created.version,
      body: doc(text),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const live = await api(publisher, "POST", `/articles/${created.id}/publish`, { baseVersion: saved.json().version });
    expect(live.statusCode, live.body).toBe(200);
    return live.json() as Story;
  }

  async function linkedAuthor(who: SignedIn, slug: string) {
    const { handle } = get();
    const { id } = await buildAuthor(handle.db, { slug, name: who.user.name });
    await handle.db.updateTable("authors").set({ user_id: who.user.id }).where("id", "=", id).execute();
  }

  const publicPage = async (url: string) => (await app.inject(url)).body;
  const searchHits = async (word: string) =>
    ((await app.inject(`/api/content/search?q=${word}`)).json() as { data: unknown[] }).data.length;

  beforeAll(async () => {
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "london", name: "London" });
    writer = await signedIn(handle.db, "writer", clock);
    editor = await signedIn(handle.db, "editor", clock);
    contributor = await signedIn(handle.db, "contributor", clock);
    await linkedAuthor(writer, "wren-writer");
    await linkedAuthor(contributor, "cole-contributor");
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
  });
  afterAll(() => app?.close());

  it("keeps readers on the live text while the writer autosaves, and puts the edits live on Update", async () => {
    const story = await publishedStory(writer, "Bridge closes for repairs", "The bridge shuts on Monday.");

    const typed = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      headline: "Bridge closes for kestrel nesting",
      body: doc("The bridge shuts on Monday. Half a sent"),
    });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json()).toMatchObject({
      status: "published",
      headline: "Bridge closes for kestrel nesting",
      pending: { changes: 2, review: false },
    });

    // Readers: the page, the feed, the Content API and search all keep the live text.
    const page = await publicPage(story.url);
    expect(page).toContain("The bridge shuts on Monday.");
    expect(page).not.toContain("Half a sent");
    expect(page).not.toContain("kestrel");
    expect((await app.inject("/feeds/rss.xml")).body).not.toContain("kestrel");
    const content = (await app.inject(`/api/content/articles/${story.slug}`)).json();
    expect(JSON.stringify(content)).toContain("Bridge closes for repairs");
    expect(await searchHits("kestrel")).toBe(0);

    // The newsroom's list marks the story as having unpublished changes.
    const list = (await api(editor, "GET", "/articles?status=published")).json();
    expect(list.items.find((i: { id: number }) => i.id === story.id)).toMatchObject({ pendingChanges: true });

    // Update approves the version the publisher saw, and no older one.
    const stale = await api(writer, "POST", `/articles/${story.id}/publish`, { baseVersion: story.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("CONFLICT");
    expect(await publicPage(story.url)).not.toContain("Half a sent");

    const updated = await api(writer, "POST", `/articles/${story.id}/publish`, { baseVersion: typed.json().version });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ status: "published", pending: null, publishedAt: story.publishedAt });
    expect(await publicPage(story.url)).toContain("Half a sent");
    expect((await app.inject("/feeds/rss.xml")).body).toContain("kestrel");
    // Search follows once the re-index job queued by the Update has run (after commit).
    expect(await searchHits("kestrel")).toBe(0);
    const { handle, config } = get();
    expect(await runReindexJobs({ db: handle.db, config, now: () => clock })).toBeGreaterThan(0);
    expect(await searchHits("kestrel")).toBe(1);
    expect(updated.json().events.at(-1)).toMatchObject({ from: "published", to: "published" });

    // Nothing left to update.
    const again = await api(writer, "POST", `/articles/${story.id}/publish`, { baseVersion: updated.json().version });
    expect(again.statusCode).toBe(409);
  });

  it("discards the pending copy: readers never saw it, the editor shows the live text again", async () => {
    const story = await publishedStory(writer, "Library hours extended", "Open until eight.");
    const typed = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Open until eight. A draft thought about funding"),
    });
    expect(typed.json().pending).not.toBeNull();

    const stale = await api(writer, "POST", `/articles/${story.id}/discard`, { baseVersion: story.version });
    expect(stale.statusCode).toBe(409);
    const discarded = await api(writer, "POST", `/articles/${story.id}/discard`, { baseVersion: typed.json().version });
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect(discarded.json()).toMatchObject({ status: "published", pending: null, body: doc("Open until eight.") });
    expect(await publicPage(story.url)).not.toContain("funding");

    // Another window still typing into the dropped copy is told, not silently given a new one.
    const late = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: typed.json().version,
      body: doc("Open until eight. More funding"),
    });
    expect(late.statusCode).toBe(409);

    // Typed and then undone: nothing is left to update.
    const retyped = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: discarded.json().version,
      kicker: "Libraries",
    });
    expect(retyped.json().pending).toMatchObject({ changes: 1 });
    const undone = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: retyped.json().version,
      kicker: discarded.json().kicker,
    });
    expect(undone.json().pending).toBeNull();
    const none = await api(writer, "POST", `/articles/${story.id}/discard`, { baseVersion: undone.json().version });
    expect(none.statusCode).toBe(409);
  });

  it("sends a contributor's edit to a published story to review, never live", async () => {
    const story = await publishedStory(contributor, "Allotment waiting list grows", "Forty names.", editor);
    const edited = await api(contributor, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Forty names. Unchecked claim"),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: "published", pending: { review: true } });
    expect(await publicPage(story.url)).not.toContain("Unchecked claim");

    const queue = (await api(editor, "GET", "/review-queue")).json();
    expect(queue.items.find((i: { id: number }) => i.id === story.id)).toMatchObject({ pendingChanges: true });

    const own = await api(contributor, "POST", `/articles/${story.id}/publish`, { baseVersion: edited.json().version });
    expect(own.statusCode).toBe(403);
    const discard = await api(contributor, "POST", `/articles/${story.id}/discard`, {
      baseVersion: edited.json().version,
    });
    expect(discard.statusCode).toBe(403);
    expect(await publicPage(story.url)).not.toContain("Unchecked claim");

    const approved = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: edited.json().version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await publicPage(story.url)).toContain("Unchecked claim");
    const after = (await api(editor, "GET", "/review-queue")).json();
    expect(after.items.map((i: { id: number }) => i.id)).not.toContain(story.id);
  });

  it("publishes a correction together with the corrected text", async () => {
    const story = await publishedStory(writer, "Tram fares rise", "Fares rise by 50p.");
    const fixed = await api(editor, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Fares rise by 20p."),
    });
    const note = { kind: "correction", text: "An earlier version gave the rise as 50p." };
    const byWriter = await api(writer, "POST", `/articles/${story.id}/publish`, {
      baseVersion: fixed.json().version,
      note,
    });
    expect(byWriter.statusCode).toBe(403);
    expect(await publicPage(story.url)).not.toContain("20p");

    const corrected = await api(editor, "POST", `/articles/${story.id}/publish`, {
      baseVersion: fixed.json().version,
      note,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().notes).toMatchObject([note]);
    const page = await publicPage(story.url);
    expect(page).toContain("Fares rise by 20p.");
    expect(page).toContain("An earlier version gave the rise as 50p.");

    // A correction on its own still goes on at once.
    const alone = await api(editor, "POST", `/articles/${story.id}/notes`, {
      kind: "update",
      text: "Fares start May.",
    });
    expect(alone.statusCode).toBe(200);
    expect(await publicPage(story.url)).toContain("Fares start May.");
  });

  it("folds pending edits into a story taken down, so publishing it again publishes what the desk last saw", async () => {
    const story = await publishedStory(writer, "Pier closes early", "Closed at six.");
    const typed = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Closed at five."),
    });
    const down = await api(editor, "POST", `/articles/${story.id}/unpublish`, { note: "Checking times" });
    expect(down.json()).toMatchObject({ status: "unpublished", pending: null, body: doc("Closed at five.") });
    expect((await app.inject(story.url)).statusCode).toBe(410);
    const again = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: down.json().version });
    expect(again.statusCode, again.body).toBe(200);
    expect(await publicPage(story.url)).toContain("Closed at five.");
    expect(typed.json().version).toBeLessThan(again.json().version);
  });

  it("keeps revisions of the pending copy, and restoring one stages it rather than publishing it", async () => {
    const story = await publishedStory(writer, "Museum reopens", "Doors open at ten.");
    const typed = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("Doors open at nine."),
    });
    // The live text keeps its own revision: the first pending save never folds into it, even
    // within the minute in which one person's saves otherwise share a revision.
    const revisions = (await api(writer, "GET", `/articles/${story.id}/revisions`)).json().items;
    expect(revisions[0]).toMatchObject({ version: typed.json().version });
    const first = revisions[1];

    const updated = await api(writer, "POST", `/articles/${story.id}/publish`, { baseVersion: typed.json().version });
    expect(await publicPage(story.url)).toContain("Doors open at nine.");
    const restored = await api(writer, "POST", `/articles/${story.id}/revisions/${first.id}/restore`, {
      baseVersion: updated.json().version,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ body: doc("Doors open at ten."), pending: { changes: 1 } });
    expect(await publicPage(story.url)).toContain("Doors open at nine.");
  });
});
