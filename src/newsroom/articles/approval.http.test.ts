import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { createJobRunner } from "../../jobs.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildAuthor, buildSection } from "../../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";

// Approval means the text an editor saw: a schedule is an approval, so an edit after it by someone
// who may not publish the article sends it back to review; publishing and scheduling name the
// version the editor read, and a newer one is refused. A story taken down stays down for whoever
// cannot publish it, preview links included.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]) => ({ type: "doc", content: texts.map(paragraph) });

describeEachDatabase("approval", (get) => {
  let app: FastifyInstance;
  let clock = new Date("2026-07-01T09:00:00Z");
  let contributor: SignedIn;
  let editor: SignedIn;
  let authorId = 0;

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });

  /** A contributor's story, written and submitted: the version an editor reviews. */
  async function submittedStory(headline: string) {
    const story = (await api(contributor, "POST", "/articles", { headline })).json();
    await api(contributor, "PUT", `/articles/${story.id}`, {
      baseVersion: story.version,
      body: doc("What the editor read and approved."),
    });
    const submitted = await api(contributor, "POST", `/articles/${story.id}/submit`, {});
    expect(submitted.statusCode).toBe(200);
    return submitted.json() as { id: number; version: number; url: string };
  }

  beforeAll(async () => {
    const { handle, config } = get();
    await buildSection(handle.db, { slug: "uk", name: "UK" });
    contributor = await signedIn(handle.db, "contributor", clock);
    editor = await signedIn(handle.db, "editor", clock);
    authorId = (await buildAuthor(handle.db, { slug: "cleo", name: "Cleo Contributor" })).id;
    await handle.db.updateTable("authors").set({ user_id: contributor.user.id }).where("id", "=", authorId).execute();
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false });
  });
  afterAll(() => app?.close());

  it("sends a scheduled story back to review when its contributor edits it, and publishes nothing unreviewed", async () => {
    const story = await submittedStory("Ferry timetable changes");
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    const scheduled = await api(editor, "POST", `/articles/${story.id}/schedule`, { at, baseVersion: story.version });
    expect(scheduled.json()).toMatchObject({ status: "scheduled", scheduledAt: at });

    const edited = await api(contributor, "PUT", `/articles/${story.id}`, {
      baseVersion: scheduled.json().version,
      body: doc("Text nobody reviewed."),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ status: "in_review", scheduledAt: null });
    expect(edited.json().events.at(-1)).toMatchObject({
      from: "scheduled",
      to: "in_review",
      user: contributor.user.name,
      note: expect.stringMatching(/after approval/),
    });
    const queue = (await api(editor, "GET", "/review-queue")).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(story.id);

    // The schedule's time comes: the job finds the story no longer scheduled and publishes nothing.
    clock = new Date(Date.parse(at) + 60_000);
    const { handle, config } = get();
    const runner = await createJobRunner({
      db: handle.db as never,
      config,
      mailer: createMailer(config),
      now: () => clock,
      schedules: false,
    });
    await runner.tick();
    await runner.idle();
    expect((await api(editor, "GET", `/articles/${story.id}`)).json().status).toBe("in_review");
    expect((await app.inject(story.url)).statusCode).toBe(404);
  });

  it("keeps the schedule when the edit comes from someone who may publish the story", async () => {
    const story = await submittedStory("Lido reopens for the summer");
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    const scheduled = await api(editor, "POST", `/articles/${story.id}/schedule`, { at, baseVersion: story.version });
    const fixed = await api(editor, "PUT", `/articles/${story.id}`, {
      baseVersion: scheduled.json().version,
      kicker: "Summer",
    });
    expect(fixed.json()).toMatchObject({ status: "scheduled", scheduledAt: at });
  });

  it("publishes and schedules only the version the editor saw (409 with the newer one otherwise)", async () => {
    const story = await submittedStory("Market hall rebuilt");
    const seen = story.version;
    const later = await api(contributor, "PUT", `/articles/${story.id}`, {
      baseVersion: seen,
      body: doc("Changed while the editor was reading."),
    });
    expect(later.statusCode).toBe(200);

    const missing = await api(editor, "POST", `/articles/${story.id}/publish`, {});
    expect(missing.statusCode).toBe(400);
    const publish = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: seen });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.code).toBe("CONFLICT");
    expect(publish.json().error.details.current).toMatchObject({ version: later.json().version });
    const at = new Date(clock.getTime() + 3600_000).toISOString();
    const schedule = await api(editor, "POST", `/articles/${story.id}/schedule`, { at, baseVersion: seen });
    expect(schedule.statusCode).toBe(409);
    expect((await api(editor, "GET", `/articles/${story.id}`)).json().status).toBe("in_review");

    const approved = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: later.json().version });
    expect(approved.json()).toMatchObject({ status: "published" });
    expect((await app.inject(approved.json().url)).body).toContain("Changed while the editor was reading.");
  });

  it("makes no preview link of a story an editor has taken down, except for those who may publish it", async () => {
    const story = await submittedStory("Council leader resigns");
    const published = await api(editor, "POST", `/articles/${story.id}/publish`, { baseVersion: story.version });
    await api(editor, "POST", `/articles/${story.id}/unpublish`, { note: "Legal advice" });

    const mine = await api(contributor, "POST", `/articles/${story.id}/preview-link`, {});
    expect(mine.statusCode).toBe(403);
    expect(mine.json().error.code).toBe("FORBIDDEN");
    expect(published.statusCode).toBe(200);
    const editors = await api(editor, "POST", `/articles/${story.id}/preview-link`, {});
    expect(editors.statusCode).toBe(200);
  });
});
