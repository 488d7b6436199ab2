import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { createJobRunner } from "../../jobs.js";
import { ensureAuthorProfile } from "../../authors/author-profile.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildImage, buildSection, buildVideo } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import { purgeTrash } from "./purge.js";
import { LocalDiskStorage } from "../../platform/storage/storage.js";

// The trash (docs/adr/025) through the API on both engines: delete and restore, the page gone at
// once, what is still used refused with the list, the purge after 30 days, empty drafts reused.

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describeEachDatabase("the trash", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let other: SignedIn;
  let editor: SignedIn;
  let sectionId = 0;
  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  /** A story by the writer, published by them; its public address. */
  async function published(headline: string) {
    const draft = (await api(writer, "POST", "/articles", { headline })).json();
    const saved = await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: draft.version,
      body: doc("Words."),
    });
    const live = (
      await api(writer, "POST", `/articles/${draft.id}/publish`, { baseVersion: saved.json().version })
    ).json();
    return { id: draft.id as number, url: live.url as string };
  }

  beforeAll(async () => {
    const { handle, config } = get();
    sectionId = (await buildSection(handle.db, { slug: "uk", name: "UK" })).id;
    writer = await signedIn(handle.db, "writer", clock);
    other = await signedIn(handle.db, "writer", clock);
    editor = await signedIn(handle.db, "editor", clock);
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
  });
  afterAll(() => app?.close());

  it("takes a published story off the site at once (410, gone from lists) and restores it live", async () => {
    const story = await published("Lock keepers strike");
    expect((await app.inject(story.url)).statusCode).toBe(200);
    expect((await app.inject("/uk")).body).toContain("Lock keepers strike"); // cached now
    expect((await api(other, "POST", `/articles/${story.id}/trash`)).statusCode).toBe(403);
    const trashed = await api(writer, "POST", `/articles/${story.id}/trash`);
    expect(trashed.json()).toMatchObject({ status: "trashed" });
    expect((await app.inject(story.url)).statusCode).toBe(410);
    expect((await app.inject("/uk")).body).not.toContain("Lock keepers strike");
    expect((await app.inject("/")).body).not.toContain("Lock keepers strike");
    // Not in the newsroom's list, in the trash with the date it goes for good; not editable.
    const list = (await api(writer, "GET", "/articles")).json().items as { id: number }[];
    expect(list.map((i) => i.id)).not.toContain(story.id);
    const trash = (await api(writer, "GET", "/trash")).json().items;
    expect(trash[0]).toMatchObject({
      kind: "article",
      id: story.id,
      from: "published",
      purgeAt: "2026-07-31T09:00:00.000Z",
    });
    expect((await api(other, "GET", "/trash")).json().items).toEqual([]);
    const save = await api(writer, "PUT", `/articles/${story.id}`, {
      baseVersion: trashed.json().version,
      kicker: "X",
    });
    expect(save.statusCode).toBe(409);

    const restored = await api(writer, "POST", `/articles/${story.id}/restore`);
    expect(restored.json()).toMatchObject({ status: "published" });
    expect((await app.inject(story.url)).statusCode).toBe(200);
    expect((await app.inject("/uk")).body).toContain("Lock keepers strike");
    expect(restored.json().events.at(-1)).toMatchObject({ from: "trashed", to: "published" });
  });

  it("answers 404 for a draft's address in the trash and brings a scheduled story back as a draft", async () => {
    const draft = (await api(writer, "POST", "/articles", { headline: "Ferry timetable" })).json();
    const saved = await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: draft.version,
      body: doc("Boats."),
    });
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    await api(writer, "POST", `/articles/${draft.id}/schedule`, { at, baseVersion: saved.json().version });
    await api(writer, "POST", `/articles/${draft.id}/trash`);
    expect((await app.inject(draft.url)).statusCode).toBe(404);
    // The schedule does not fire for a story in the trash.
    clock = new Date(clock.getTime() + 2 * 3600_000);
    const runner = await createJobRunner({
      db: get().handle.db as never,
      config: get().config,
      mailer: createMailer(get().config),
      now: () => clock,
      schedules: false,
    });
    await runner.tick();
    await runner.idle();
    const back = (await api(writer, "POST", `/articles/${draft.id}/restore`)).json();
    expect(back).toMatchObject({ status: "draft", scheduledAt: null });
    expect(back.events.at(-1).note).toMatch(/schedule it again/);
  });

  it("refuses to delete an image, a video or a section still in use, saying what uses it", async () => {
    const db = get().handle.db;
    const image = await buildImage(db, { alt: "Towpath" });
    const video = await buildVideo(db);
    await db.updateTable("media").set({ uploaded_by: writer.user.id }).where("id", "=", image.id).execute();
    const draft = (await api(writer, "POST", "/articles", { headline: "Towpath repairs" })).json();
    await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: draft.version,
      heroMediaId: image.id,
      videoId: video.id,
    });
    const usedImage = await api(writer, "DELETE", `/media/${image.id}`);
    expect(usedImage.statusCode).toBe(409);
    expect(usedImage.json().error).toMatchObject({
      code: "IN_USE",
      details: { references: [{ type: "article", id: draft.id, label: "Towpath repairs", as: "main picture" }] },
    });
    const usedVideo = await api(editor, "DELETE", `/videos/${video.id}`);
    expect(usedVideo.json().error.details.references[0]).toMatchObject({
      label: "Towpath repairs",
      as: "video of the story",
    });
    const usedSection = await api(editor, "DELETE", `/sections/${sectionId}`);
    expect(usedSection.statusCode).toBe(409);
    expect(usedSection.json().error.message).toMatch(/^The section UK is still used by/);

    // Once the story lets go of them they go to the trash, and back.
    const current = (await api(writer, "GET", `/articles/${draft.id}`)).json();
    await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: current.version,
      heroMediaId: null,
      videoId: null,
    });
    expect((await api(writer, "DELETE", `/media/${image.id}`)).statusCode).toBe(204);
    expect((await api(editor, "DELETE", `/videos/${video.id}`)).statusCode).toBe(204);
    const library = (await api(writer, "GET", "/media")).json().items as { id: number }[];
    expect(library.map((m) => m.id)).not.toContain(image.id);
    const reuse = (await api(writer, "GET", `/articles/${draft.id}`)).json();
    const refused = await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: reuse.version,
      heroMediaId: image.id,
    });
    expect(refused.statusCode).toBe(400);
    expect((await api(writer, "POST", `/media/${image.id}/restore`)).statusCode).toBe(204);
    expect((await api(editor, "POST", `/videos/${video.id}/restore`)).statusCode).toBe(204);

    const empty = await buildSection(db, { slug: "empty", name: "Empty" });
    expect((await api(editor, "DELETE", `/sections/${empty.id}`)).statusCode).toBe(204);
    expect((await api(writer, "DELETE", `/sections/${sectionId}`)).statusCode).toBe(403);
  });

  it("purges what has been in the trash for 30 days, with its files, and nothing younger", async () => {
    const db = get().handle.db;
    const old = await published("Old towpath story");
    const young = await published("Young towpath story");
    await api(writer, "POST", `/articles/${old.id}/trash`);
    const image = await buildImage(db, { alt: "Old picture" });
    await db.updateTable("media").set({ trashed_at: clock.toISOString() }).where("id", "=", image.id).execute();
    clock = new Date(clock.getTime() + 29 * 86_400_000);
    await api(writer, "POST", `/articles/${young.id}/trash`);
    const storage = new LocalDiskStorage(`${get().config.dataDir}/media`);
    expect(await purgeTrash({ db, storage }, clock)).toEqual({ articles: 0, media: 0, videos: 0 });
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    expect(await purgeTrash({ db, storage }, clock)).toMatchObject({ articles: 1, media: 1 });
    const left = await db.selectFrom("articles").select("id").where("id", "in", [old.id, young.id]).execute();
    expect(left.map((r) => r.id)).toEqual([young.id]);
    expect(await purgeTrash({ db, storage }, clock)).toEqual({ articles: 0, media: 0, videos: 0 });
  });

  it("opens the same untouched empty draft on every New article instead of piling up Untitled ones", async () => {
    other = await signedIn(get().handle.db, "writer", clock); // the clock moved on a month above
    const first = await api(other, "POST", "/articles", {});
    expect(first.statusCode).toBe(201);
    const again = await api(other, "POST", "/articles", {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().authorIds).toEqual([await ensureAuthorProfile(get().handle.db, other.user)]);
    // Once typed in, it is a story: the next click makes a new draft.
    await api(other, "PUT", `/articles/${first.json().id}`, {
      baseVersion: first.json().version,
      headline: "Moorings",
    });
    const third = await api(other, "POST", "/articles", {});
    expect(third.statusCode).toBe(201);
    expect(third.json().id).not.toBe(first.json().id);
  });
});
