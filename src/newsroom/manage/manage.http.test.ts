import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildArticle, buildSection, buildTag } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import { runReindexJobs } from "../../../test/support/reindex-jobs.js";
import { reindexArticles } from "../../discovery/discovery-index.js";

describeEachDatabase("managing the paper", (get) => {
  let app: FastifyInstance;
  let editor: SignedIn;
  let writer: SignedIn;
  const now = new Date("2026-07-01T10:00:00Z");
  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  beforeAll(async () => {
    const { handle, config } = get();
    editor = await signedIn(handle.db, "editor", now);
    writer = await signedIn(handle.db, "writer", now);
    app = await buildApp({ config, db: handle.db, now: () => now, logger: false });
  });
  afterAll(() => app?.close());
  /** A story written straight into the database is seen by a server started after it. */
  const restartApp = async () => {
    await app.close();
    app = await buildApp({ config: get().config, db: get().handle.db, now: () => now, logger: false });
  };

  it("creates and edits sections, never on an address the site uses", async () => {
    const made = await api(editor, "POST", "/sections", { name: "Climate & Energy", description: "Power and weather" });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ slug: "climate-energy", name: "Climate & Energy" });
    for (const slug of ["search", "newsroom", "api", "Tags"]) {
      const res = await api(editor, "POST", "/sections", { name: "Sneaky", slug });
      expect(res.statusCode, slug).toBe(400);
      expect(res.json().error.message).toMatch(/uses itself/);
    }
    expect((await api(editor, "POST", "/sections", { name: "Climate energy" })).statusCode).toBe(409);
    const renamed = await api(editor, "PATCH", `/sections/${made.json().id}`, { name: "Climate", position: 0 });
    expect(renamed.json()).toMatchObject({ name: "Climate", position: 0 });
    expect((await api(writer, "POST", "/sections", { name: "Mine" })).statusCode).toBe(403);
    // Empty, the section is neither in the navigation nor a page (docs/adr/025); its first story makes it one.
    expect((await app.inject("/climate-energy")).statusCode).toBe(404);
    await buildArticle(get().handle.db, { sectionId: made.json().id, publishedAt: now });
    await restartApp();
    const page = await app.inject("/climate-energy");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Climate");
  });

  it("creates topics inline (once per name) and merges two, keeping every article tagged once", async () => {
    const { db } = get().handle;
    const section = await buildSection(db, { slug: "london", name: "London" });
    const a = await writerTag("Buses");
    expect((await api(writer, "POST", "/tags", { name: "buses" })).json().id).toBe(a);
    const bus = await buildTag(db, { slug: "bus", name: "Bus" });
    const both = await buildArticle(db, { sectionId: section.id, publishedAt: now, tagIds: [a, bus.id] });
    const onlyOld = await buildArticle(db, { sectionId: section.id, publishedAt: now, tagIds: [bus.id] });
    expect((await api(writer, "POST", "/tags/merge", { fromId: bus.id, intoId: a })).statusCode).toBe(403);
    const merged = await api(editor, "POST", "/tags/merge", { fromId: bus.id, intoId: a });
    expect(merged.json()).toMatchObject({ id: a, articles: 2 });
    const links = await db
      .selectFrom("article_tags")
      .select(["article_id", "tag_id"])
      .where("article_id", "in", [both.id, onlyOld.id])
      .execute();
    expect(links.sort((x, y) => x.article_id - y.article_id)).toEqual([
      { article_id: both.id, tag_id: a },
      { article_id: onlyOld.id, tag_id: a },
    ]);
    expect(await db.selectFrom("tags").select("id").where("id", "=", bus.id).execute()).toEqual([]);
    expect((await app.inject("/tags/bus")).statusCode).toBe(404);
  });

  async function writerTag(name: string): Promise<number> {
    const res = await api(writer, "POST", "/tags", { name });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it("keeps author profiles with bio, links and a newsroom user", async () => {
    const made = await api(editor, "POST", "/authors", {
      name: "Priya Natarajan",
      role: "Transport correspondent",
      bio: "Covers the roads and rails.",
      links: [{ label: "Mastodon", url: "https://social.example/@priya" }],
      userId: writer.user.id,
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ slug: "priya-natarajan", userId: writer.user.id });
    const bad = await api(editor, "POST", "/authors", {
      name: "X",
      links: [{ label: "x", url: "javascript:alert(1)" }],
    });
    expect(bad.statusCode).toBe(400);
    const edited = await api(editor, "PATCH", `/authors/${made.json().id}`, { bio: "Roads, rails and rivers." });
    expect(edited.json().bio).toBe("Roads, rails and rivers.");
    expect((await app.inject("/authors/priya-natarajan")).body).toContain("Roads, rails and rivers.");
  });

  it("re-indexes an author's stories when the author is renamed, so search finds the new name", async () => {
    const { handle, config } = get();
    const author = (await api(editor, "POST", "/authors", { name: "Tomasz Wierzbicki" })).json();
    const section = await buildSection(handle.db, { slug: "byline-desk", name: "Byline desk" });
    const story = await buildArticle(handle.db, {
      sectionId: section.id,
      slug: "ferry-timetable",
      headline: "Ferry timetable changes",
      authorIds: [author.id],
      publishedAt: new Date(now.getTime() - 3_600_000),
    });
    await reindexArticles(handle.db, [story.id], { cascade: false });
    const found = async (q: string) =>
      (await app.inject(`/search?q=${encodeURIComponent(q)}`)).body.includes("/byline-desk/ferry-timetable");
    expect(await found("Wierzbicki")).toBe(true);
    await api(editor, "PATCH", `/authors/${author.id}`, { name: "Tomasz Wierzbicka-Lund" });
    expect(await runReindexJobs({ db: handle.db, config, now: () => now })).toBeGreaterThan(0);
    expect(await found("Lund")).toBe(true);
    // A change that leaves the name as it was queues nothing.
    await api(editor, "PATCH", `/authors/${author.id}`, { bio: "Ports and ferries." });
    expect(await runReindexJobs({ db: handle.db, config, now: () => now })).toBe(0);
  });

  it("pins the lead and orders the top stories; the home page follows at once", async () => {
    const { db } = get().handle;
    const section = await buildSection(db, { slug: "city", name: "City" });
    const hour = (h: number) => new Date(now.getTime() - h * 3600_000);
    const old = await buildArticle(db, {
      sectionId: section.id,
      publishedAt: hour(20),
      headline: "An older story the editors chose",
    });
    const second = await buildArticle(db, { sectionId: section.id, publishedAt: hour(5), headline: "The second pick" });
    await buildArticle(db, { sectionId: section.id, publishedAt: hour(1), headline: "The newest story" });
    const draft = await buildArticle(db, {
      sectionId: section.id,
      publishedAt: hour(1),
      status: "draft",
      headline: "Not out",
    });
    expect((await api(editor, "PUT", "/front-page", { leadId: draft.id, topIds: [] })).statusCode).toBe(400);
    expect((await api(writer, "PUT", "/front-page", { leadId: old.id, topIds: [] })).statusCode).toBe(403);
    const res = await api(editor, "PUT", "/front-page", { leadId: old.id, topIds: [second.id] });
    expect(res.json()).toMatchObject({ lead: { id: old.id }, top: [{ id: second.id }] });
    const home = (await app.inject("/")).body;
    const at = (text: string) => home.indexOf(text);
    expect(at("An older story the editors chose")).toBeGreaterThan(0);
    expect(at("An older story the editors chose")).toBeLessThan(at("The second pick"));
    expect(at("The second pick")).toBeLessThan(at("The newest story"));
  });

  it("records who did what in the audit log, newest first", async () => {
    const log = await api(editor, "GET", "/audit?limit=3");
    expect(log.statusCode).toBe(200);
    expect(log.json().items[0]).toMatchObject({ action: "frontpage.updated", user: { id: editor.user.id } });
    expect(log.json().next).toEqual(expect.any(Number));
    expect((await api(writer, "GET", "/audit")).statusCode).toBe(403);
  });
});
