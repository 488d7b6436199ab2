import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { ensureAuthorProfile } from "../../authors/author-profile.js";
import { insertUser } from "../auth/accounts.js";
import * as controlledBylines from "../../platform/migrations/2026-12-07-0026-controlled-bylines.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildArticle, buildAuthor, buildSection } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";

// Controlled bylines (docs/adr/025) through the API on both engines: every account has its own
// profile, writers and contributors byline themselves and the co-authors editors opened, editors
// byline anyone, and the check holds on create, save, submit, schedule, publish and update.

const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] };

describeEachDatabase("controlled bylines", (get) => {
  let app: FastifyInstance;
  const clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let contributor: SignedIn;
  let editor: SignedIn;
  let sectionId = 0;
  let siobhan = 0; // a staff profile nobody opened to co-bylines
  let desk = 0; // "Staff reporter", open to co-bylines

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });
  const later = () => new Date(clock.getTime() + 3 * 3600_000).toISOString();

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    sectionId = (await buildSection(db, { slug: "uk", name: "UK" })).id;
    writer = await signedIn(db, "writer", clock);
    contributor = await signedIn(db, "contributor", clock);
    editor = await signedIn(db, "editor", clock);
    siobhan = (await buildAuthor(db, { slug: "siobhan-keane", name: "Siobhan Keane" })).id;
    desk = (await buildAuthor(db, { slug: "staff-reporter", name: "Staff reporter" })).id;
    await db.updateTable("authors").set({ co_byline: 1 }).where("id", "=", desk).execute();
    app = await buildApp({ config, db, now: () => clock, logger: false });
  });
  afterAll(() => app?.close());

  it("gives a new account, and any account signing in without one, its own author profile", async () => {
    // Every way an account is made (setup, invitation, the CLI) goes through insertUser.
    const made = await insertUser(
      get().handle.db,
      {
        email: "new.hire@example.org",
        name: "Nell Hire",
        role: "writer",
        password: "a long and unusual passphrase 42",
      },
      clock,
    );
    const hers = await get()
      .handle.db.selectFrom("authors")
      .select(["name", "slug"])
      .where("user_id", "=", made.id)
      .execute();
    expect(hers).toEqual([{ name: "Nell Hire", slug: "nell-hire" }]);
    const session = await app.inject({ method: "GET", url: "/api/newsroom/session", headers: writer.headers });
    const authorId = session.json().user.authorId;
    expect(authorId).toBeGreaterThan(0);
    const profile = await get()
      .handle.db.selectFrom("authors")
      .selectAll()
      .where("id", "=", authorId)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ name: writer.user.name, user_id: writer.user.id });
    // Asked again: the same profile, never a second one.
    const again = await app.inject({ method: "GET", url: "/api/newsroom/session", headers: writer.headers });
    expect(again.json().user.authorId).toBe(authorId);
  });

  it("lets a writer byline themselves and open co-authors, and refuses a staff byline with a reason", async () => {
    const own = await ensureAuthorProfile(get().handle.db, writer.user);
    const created = await api(writer, "POST", "/articles", { headline: "Tram fares rise" });
    expect(created.json().authors.map((a: { id: number }) => a.id)).toEqual([own]);
    const refused = await api(writer, "POST", "/articles", { headline: "Tram fares fall", authorIds: [siobhan] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("Siobhan Keane");

    const id = created.json().id as number;
    const withStaff = await api(writer, "PUT", `/articles/${id}`, { baseVersion: 1, authorIds: [own, siobhan] });
    expect(withStaff.statusCode).toBe(403);
    expect(withStaff.json().error.details).toEqual([
      { path: "authorIds", message: `Author ${siobhan} is not yours to add` },
    ]);
    const withDesk = await api(writer, "PUT", `/articles/${id}`, { baseVersion: 1, authorIds: [own, desk], body: doc });
    expect(withDesk.statusCode).toBe(200);
    expect(withDesk.json().authorIds).toEqual([own, desk]);

    // The list of authors says whom the writer may choose, so the newsroom offers only those.
    const authors = (await api(writer, "GET", "/authors")).json().items as { id: number; mayByline: boolean }[];
    expect(
      authors
        .filter((a) => a.mayByline)
        .map((a) => a.id)
        .sort(),
    ).toEqual([own, desk].sort());
    const all = (await api(editor, "GET", "/authors")).json().items as { mayByline: boolean }[];
    expect(all.every((a) => a.mayByline)).toBe(true);

    const published = await api(writer, "POST", `/articles/${id}/publish`, { baseVersion: withDesk.json().version });
    expect(published.json().status).toBe("published");
  });

  it("keeps an author an editor put on a writer's story: the writer may publish, trim and restore it", async () => {
    const own = await ensureAuthorProfile(get().handle.db, writer.user);
    const draft = (await api(writer, "POST", "/articles", { headline: "Court hears appeal" })).json();
    const byEditor = await api(editor, "PUT", `/articles/${draft.id}`, {
      baseVersion: draft.version,
      authorIds: [own, siobhan],
      body: doc,
    });
    expect(byEditor.statusCode).toBe(200);
    const trimmed = await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: byEditor.json().version,
      authorIds: [own],
    });
    expect(trimmed.statusCode).toBe(200);
    const back = await api(writer, "PUT", `/articles/${draft.id}`, {
      baseVersion: trimmed.json().version,
      authorIds: [own, siobhan],
    });
    expect(back.statusCode).toBe(200);
    const scheduled = await api(writer, "POST", `/articles/${draft.id}/schedule`, {
      at: later(),
      baseVersion: back.json().version,
    });
    expect(scheduled.json().status).toBe("scheduled");
  });

  it("refuses submit, schedule, publish and update of a byline the person may not give (made outside the API)", async () => {
    const db = get().handle.db;
    const own = await ensureAuthorProfile(db, writer.user);
    const story = async (who: SignedIn, status: "draft" | "published") => {
      const row = await buildArticle(db, {
        sectionId,
        status,
        publishedAt: clock,
        body: doc,
        authorIds: [own, siobhan],
      });
      await db
        .updateTable("articles")
        .set({ created_by: who.user.id, published_at: status === "published" ? clock.toISOString() : null })
        .where("id", "=", row.id)
        .execute();
      return row.id;
    };
    const a = await story(writer, "draft");
    const publish = await api(writer, "POST", `/articles/${a}/publish`, { baseVersion: 1 });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().error.message).toContain("Siobhan Keane");
    const schedule = await api(writer, "POST", `/articles/${a}/schedule`, { at: later(), baseVersion: 1 });
    expect(schedule.statusCode).toBe(403);
    const b = await story(contributor, "draft");
    const submit = await api(contributor, "POST", `/articles/${b}/submit`, {});
    expect(submit.statusCode).toBe(403);
    // A published story edited by its writer: Update refuses the ungranted byline too.
    const c = await story(writer, "published");
    const staged = await api(writer, "PUT", `/articles/${c}`, { baseVersion: 1, kicker: "Exclusive" });
    expect(staged.statusCode).toBe(200);
    const update = await api(writer, "POST", `/articles/${c}/publish`, { baseVersion: staged.json().version });
    expect(update.statusCode).toBe(403);
    // An editor may: their Update also grants the byline, so the writer's next one passes.
    const approved = await api(editor, "POST", `/articles/${a}/publish`, { baseVersion: 1 });
    expect(approved.json().status).toBe("published");
  });

  it("lets everyone edit their own profile but not its address, account or co-byline flag", async () => {
    const own = await ensureAuthorProfile(get().handle.db, contributor.user);
    const bio = await api(contributor, "PATCH", `/authors/${own}`, { bio: "Freelance, courts.", role: "Contributor" });
    expect(bio.statusCode).toBe(200);
    expect(bio.json()).toMatchObject({ bio: "Freelance, courts.", role: "Contributor", mayByline: true });
    const flag = await api(contributor, "PATCH", `/authors/${own}`, { coByline: true });
    expect(flag.statusCode).toBe(403);
    const other = await api(contributor, "PATCH", `/authors/${siobhan}`, { bio: "Hacked" });
    expect(other.statusCode).toBe(403);
    const opened = await api(editor, "PATCH", `/authors/${siobhan}`, { coByline: true });
    expect(opened.json().coByline).toBe(true);
    await api(editor, "PATCH", `/authors/${siobhan}`, { coByline: false });
  });

  it("deletes an unlinked author and says what still uses a linked one", async () => {
    const spare = await buildAuthor(get().handle.db, { slug: "spare", name: "Spare Byline" });
    expect((await api(editor, "DELETE", `/authors/${spare.id}`)).statusCode).toBe(204);
    expect((await api(editor, "DELETE", `/authors/${spare.id}`)).statusCode).toBe(404);
    const used = await api(editor, "DELETE", `/authors/${siobhan}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.code).toBe("IN_USE");
    const refs = used.json().error.details.references as { type: string; label: string; as: string }[];
    expect(refs).toContainEqual(
      expect.objectContaining({ type: "article", label: "Court hears appeal", as: "byline" }),
    );
    const own = await ensureAuthorProfile(get().handle.db, writer.user);
    const linked = (await api(editor, "DELETE", `/authors/${own}`)).json();
    expect(linked.error.details.references[0]).toMatchObject({ type: "account", label: writer.user.name });
    expect((await api(writer, "DELETE", `/authors/${spare.id}`)).statusCode).toBe(403);
  });

  it("migration 0026 gives every account without a profile one, with a free slug, and grants published bylines", async () => {
    const { handle, dialect } = get();
    const db = handle.db as unknown as Kysely<any>;
    const lone = await signedIn(handle.db, "writer", clock);
    await buildAuthor(handle.db, { slug: "writer-99", name: "Taken" });
    await handle.db.updateTable("users").set({ name: "Writer 99" }).where("id", "=", lone.user.id).execute();
    const live = await buildArticle(handle.db, { sectionId, publishedAt: clock, authorIds: [siobhan] });
    await controlledBylines.down(db);
    await controlledBylines.up(db, dialect);
    const profile = await handle.db
      .selectFrom("authors")
      .selectAll()
      .where("user_id", "=", lone.user.id)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ name: "Writer 99", slug: "writer-99-2", co_byline: 0 });
    const accounts = await handle.db.selectFrom("users").select("id").execute();
    const linked = await handle.db.selectFrom("authors").select("user_id").where("user_id", "is not", null).execute();
    expect(new Set(linked.map((l) => l.user_id))).toEqual(new Set(accounts.map((a) => a.id)));
    const grant = await handle.db
      .selectFrom("article_byline_grants")
      .selectAll()
      .where("article_id", "=", live.id)
      .executeTakeFirst();
    expect(grant).toMatchObject({ author_id: siobhan, granted_by: null });
  });
});
