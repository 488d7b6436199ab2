import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createJobRunner } from "../jobs.js";
import { createMailer } from "../platform/mail/mailer.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// The next Morning Headlines composed from the newsroom (issue 18): in the afternoon an editor
// composes tomorrow's edition, introduces an older story, cuts one, previews and test-sends what was
// saved; it cannot go before its day; at 05:30 the compose job leaves it as edited and at 06:00 it
// goes by the schedule, with the editor's changes.

const afternoon = new Date("2026-07-01T15:00:00Z"); // 16:00 in London
const tomorrow = "2026-07-02";

describeEachDatabase("composing the next Morning Headlines", (get) => {
  let app: FastifyInstance;
  let inbox: MailInbox;
  let editor: SignedIn;
  let writer: SignedIn;
  let clock = afternoon;
  const stories: { id: number; headline: string }[] = [];
  let older: { id: number; headline: string };
  let draft: { id: number };
  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, headers: who.headers, payload: payload as string });

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    inbox = await startMailInbox();
    const section = await buildSection(db, { slug: "city", name: "City" });
    for (let i = 0; i < 3; i++) {
      const headline = `Next edition story ${i}`;
      const story = await buildArticle(db, {
        sectionId: section.id,
        slug: `next-${i}`,
        headline,
        publishedAt: new Date(afternoon.getTime() - (i + 1) * 3_600_000),
      });
      stories.push({ id: story.id, headline });
    }
    older = { id: 0, headline: "An older story worth a second look" };
    older.id = (
      await buildArticle(db, {
        sectionId: section.id,
        slug: "older",
        headline: "An older story worth a second look",
        standfirst: "Three days on, the bridge is still shut.",
        publishedAt: new Date(afternoon.getTime() - 72 * 3_600_000),
      })
    ).id;
    draft = await buildArticle(db, {
      sectionId: section.id,
      slug: "unfinished",
      headline: "Unfinished",
      status: "draft",
      publishedAt: afternoon,
    });
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    app = await buildApp({ config, db, logger: false, now: () => clock, mailer });
    app.addHook("onClose", () => mailer.close());
    editor = await signedIn(db, "editor", afternoon);
    writer = await signedIn(db, "writer", afternoon);
    const imported = await app.inject({
      method: "POST",
      url: "/api/newsroom/subscribers/import?newsletter=morning-headlines&consent=true",
      headers: { ...editor.headers, "content-type": "text/csv" },
      payload: "email\nreader@example.org\n",
    });
    expect(imported.json()).toMatchObject({ added: 1 });
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  let editionId = 0;

  it("composes tomorrow's edition now, says when it goes, and opens the same one when pressed again", async () => {
    expect((await api(writer, "POST", "/editions/compose", { newsletter: "morning-headlines" })).statusCode).toBe(403);
    const digest = await api(editor, "POST", "/editions/compose", { newsletter: "video" });
    expect(digest.statusCode).toBe(400);

    const composed = await api(editor, "POST", "/editions/compose", { newsletter: "morning-headlines" });
    expect(composed.statusCode, composed.body).toBe(201);
    const { edition } = composed.json();
    editionId = edition.id;
    expect(edition).toMatchObject({
      editionDate: tomorrow,
      title: "London Daily Morning Headlines - Thursday, July 2 2026",
      status: "pending",
      upcoming: true,
      sendsAt: "2026-07-02T05:00:00.000Z", // 06:00 in London
    });
    expect(edition.items.map((i: { title: string }) => i.title).sort()).toEqual(stories.map((s) => s.headline).sort());

    const again = await api(editor, "POST", "/editions/compose", { newsletter: "morning-headlines" });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ composed: false, edition: { id: editionId } });

    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .select(["action", "subject_id"])
      .where("action", "=", "edition.compose")
      .execute();
    expect(audit.map((a) => [a.action, String(a.subject_id)])).toEqual([["edition.compose", String(editionId)]]);
  });

  it("introduces a published story, refuses a draft, and cannot be sent before its day", async () => {
    const current = (await api(editor, "GET", `/editions/${editionId}`)).json();
    const kept = current.items.slice(0, 2).map((i: { id: number }) => ({ id: i.id }));
    const refused = await api(editor, "PUT", `/editions/${editionId}`, {
      baseVersion: current.version,
      items: [...kept, { id: draft.id }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain(`${draft.id} is not a published story`);

    const saved = await api(editor, "PUT", `/editions/${editionId}`, {
      baseVersion: current.version,
      intro: "Good evening's work for tomorrow.",
      items: [{ id: older.id }, ...kept],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items[0]).toMatchObject({
      id: older.id,
      title: older.headline,
      line: "Three days on, the bridge is still shut.",
    });
    expect(saved.json().items).toHaveLength(3);

    const early = await api(editor, "POST", `/editions/${editionId}/send-now`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("goes on its day");

    const preview = await api(editor, "GET", `/editions/${editionId}/preview?format=text`);
    expect(preview.body).toContain(older.headline);
    const test = await api(editor, "POST", `/editions/${editionId}/test`, { email: "desk@example.org" });
    expect(test.statusCode, test.body).toBe(200);
    const [message] = await inbox.waitFor(1);
    expect(message!.subject).toBe("[Test] London Daily Morning Headlines - Thursday, July 2 2026");
    expect(message!.text).toContain(older.headline);
  });

  it("held, it has no send time; released, it goes by the schedule with the editor's changes", async () => {
    const held = await api(editor, "POST", `/editions/${editionId}/hold`);
    expect(held.json()).toMatchObject({ status: "held", sendsAt: null });
    const released = await api(editor, "POST", `/editions/${editionId}/release`);
    expect(released.json()).toMatchObject({ status: "pending", sendsAt: "2026-07-02T05:00:00.000Z" });

    const { handle, config } = get();
    const runner = await createJobRunner({
      db: handle.db,
      config,
      mailer: createMailer({ ...config, smtpUrl: inbox.url }),
      now: () => clock,
      schedules: false,
    });
    try {
      clock = new Date("2026-07-02T04:30:00Z"); // 05:30: the compose job finds it composed
      await enqueue(
        handle.db,
        "newsletter.compose",
        { newsletter: "morning-headlines", editionDate: tomorrow },
        { now: clock },
      );
      await runner.tick();
      await runner.idle();
      clock = new Date("2026-07-02T05:00:00Z"); // 06:00: it goes
      await enqueue(
        handle.db,
        "newsletter.send",
        { newsletter: "morning-headlines", editionDate: tomorrow },
        { now: clock },
      );
      await runner.tick();
      await runner.idle();
    } finally {
      await runner.stop();
    }
    // A new day's session: the afternoon's has gone idle overnight.
    editor = await signedIn(handle.db, "editor", clock);
    const sent = (await api(editor, "GET", `/editions/${editionId}`)).json();
    expect(sent).toMatchObject({ status: "sent", upcoming: false, sendsAt: null, deliveries: { delivered: 1 } });
    expect(sent.items[0].id).toBe(older.id);
    const delivered = inbox.messages.find(
      (m) => m.subject === "London Daily Morning Headlines - Thursday, July 2 2026",
    );
    expect(delivered?.text).toContain("Good evening's work for tomorrow.");
    expect(delivered?.text).toContain(older.headline);

    // The next one now is the day after: the 2nd has gone.
    const next = await api(editor, "POST", `/editions/compose`, { newsletter: "morning-headlines" });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().edition.editionDate).toBe("2026-07-03");
  });

  it("says why when the Morning Headlines has no send time", async () => {
    const { handle } = get();
    await handle.db
      .updateTable("newsletters")
      .set({ send_cron: null })
      .where("slug", "=", "morning-headlines")
      .execute();
    try {
      const res = await api(editor, "POST", "/editions/compose", { newsletter: "morning-headlines" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain("has no send time");
    } finally {
      await handle.db
        .updateTable("newsletters")
        .set({ send_cron: "0 6 * * *" })
        .where("slug", "=", "morning-headlines")
        .execute();
    }
  });
});
