import type { FastifyInstance } from "fastify";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { createJobRunner } from "../../jobs.js";
import type { JobRunner } from "../../platform/jobs/job-runner.js";
import { enqueue } from "../../platform/jobs/job.queries.js";
import { createMailer } from "../../platform/mail/mailer.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildAuthor, buildSection } from "../../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../../test/support/mail-inbox.js";
import { type SignedIn, signedIn } from "../../../test/support/newsroom-session.js";
import type { Database } from "../../database.js";
import { NOTIFY_JOB, deliverNotifications } from "./notify.js";

// Workflow notifications (issue 18, docs/adr/026) through the real job runner and a real SMTP
// server: editors hear of submissions, writers of returns, approvals, schedules and publication;
// nobody of their own act; a kind turned off sends nothing; a job run twice emails once.

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

describeEachDatabase("newsroom notifications", (get) => {
  let app: FastifyInstance;
  let inbox: MailInbox;
  let runner: JobRunner<Database>;
  let clock = new Date("2026-07-01T09:00:00Z");
  let writer: SignedIn;
  let editor: SignedIn;
  let admin: SignedIn;
  let contributor: SignedIn;
  let authorId = 0;

  const api = (who: SignedIn, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });
  /** Runs every due job to the end (the notify jobs and whatever a publication queues). */
  const drain = async () => {
    for (let i = 0; i < 4; i++) {
      await runner.tick();
      await runner.idle();
    }
  };
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? "" : (m.to?.value[0]?.address ?? ""));
  /** The mails that arrived after the first `from`, by recipient. */
  const since = (from: number) =>
    inbox.messages.slice(from).map((m) => ({ to: to(m), subject: m.subject ?? "", text: flat(m.text), m }));
  // The plain-text part wraps at 78 characters.
  const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");

  async function story(author: SignedIn, headline: string) {
    const created = (await api(author, "POST", "/articles", { headline })).json();
    const saved = await api(author, "PUT", `/articles/${created.id}`, {
      baseVersion: created.version,
      body: { type: "doc", content: [paragraph("Lamps are lit at dusk.")] },
      authorIds: [authorId],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return saved.json() as { id: number; version: number };
  }

  beforeAll(async () => {
    const { handle, config: base } = get();
    inbox = await startMailInbox();
    const config = { ...base, smtpUrl: inbox.url };
    await buildSection(handle.db, { slug: "london", name: "London" });
    writer = await signedIn(handle.db, "writer", clock);
    editor = await signedIn(handle.db, "editor", clock);
    admin = await signedIn(handle.db, "admin", clock);
    contributor = await signedIn(handle.db, "contributor", clock);
    const author = await buildAuthor(handle.db, { slug: "wren", name: writer.user.name });
    authorId = author.id;
    await handle.db.updateTable("authors").set({ user_id: writer.user.id }).where("id", "=", authorId).execute();
    const mailer = createMailer(config);
    app = await buildApp({ config, db: handle.db, now: () => clock, logger: false, mailer });
    runner = await createJobRunner({ db: handle.db, config, mailer, now: () => clock, schedules: false });
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  it("emails the desk when a story is submitted, not the writer, and counts it in the newsroom", async () => {
    const before = inbox.messages.length;
    const s = await story(writer, "Lamplighters return to the Strand");
    const submitted = await api(writer, "POST", `/articles/${s.id}/submit`, { note: "Ready for a read" });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await drain();
    await inbox.waitFor(before + 2, 10_000);
    const mails = since(before);
    expect(mails.map((m) => m.to).sort()).toEqual([admin.user.email, editor.user.email].sort());
    expect(mails[0]!.subject).toBe("Submitted for review: Lamplighters return to the Strand");
    expect(mails[0]!.text).toContain(`${writer.user.name} submitted “Lamplighters return to the Strand” for review.`);
    expect(mails[0]!.text).toContain("Note: Ready for a read");
    expect(mails[0]!.text).toContain(`/newsroom/articles/${s.id}`);

    expect((await api(editor, "GET", "/notifications/summary")).json()).toEqual({ reviewWaiting: 1 });
    expect((await api(writer, "GET", "/notifications/summary")).json()).toEqual({ reviewWaiting: null });

    // Returned with a note: the writer hears, with the note.
    const returned = await api(editor, "POST", `/articles/${s.id}/return`, { note: "Add the date of the first lamp" });
    expect(returned.statusCode, returned.body).toBe(200);
    await drain();
    await inbox.waitFor(before + 3, 10_000);
    const back = since(before + 2);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({
      to: writer.user.email,
      subject: "Returned to you: Lamplighters return to the Strand",
    });
    expect(back[0]!.text).toContain("Note: Add the date of the first lamp");
  });

  it("tells the writer once of approval, never of their own act, and honours a kind turned off", async () => {
    const s = await story(writer, "Gas lamps get a winter check");
    // The writer schedules their own story: nobody is told (the desk hears of submissions only).
    let before = inbox.messages.length;
    const draft = (await api(writer, "GET", `/articles/${s.id}`)).json();
    const own = await api(writer, "POST", `/articles/${s.id}/schedule`, {
      at: "2026-07-01T12:00:00Z",
      baseVersion: draft.version,
    });
    expect(own.statusCode, own.body).toBe(200);
    await drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages.length).toBe(before);

    // The schedule publishes it (no person acts): the writer hears "Published".
    clock = new Date("2026-07-01T12:00:30Z");
    await drain();
    await inbox.waitFor(before + 1, 10_000);
    expect(since(before)).toMatchObject([
      { to: writer.user.email, subject: "Published: Gas lamps get a winter check" },
    ]);
    expect(since(before)[0]!.text).toContain("is published.");

    // An editor approves a submitted story: one email, "Approved", for the writer only.
    const second = await story(writer, "A lamplighter's round, street by street");
    await api(writer, "POST", `/articles/${second.id}/submit`, {});
    await drain();
    before = inbox.messages.length;
    const current = (await api(editor, "GET", `/articles/${second.id}`)).json();
    const approved = await api(editor, "POST", `/articles/${second.id}/publish`, { baseVersion: current.version });
    expect(approved.statusCode, approved.body).toBe(200);
    await drain();
    await inbox.waitFor(before + 1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(since(before)).toMatchObject([
      { to: writer.user.email, subject: "Approved: A lamplighter's round, street by street" },
    ]);

    // The editor turns off submissions; the admin keeps them.
    const off = await api(editor, "PUT", "/notifications/settings", { submitted: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().items.find((i: { kind: string }) => i.kind === "submitted")).toMatchObject({
      email: false,
      applies: true,
    });
    const writerView = (await api(writer, "GET", "/notifications/settings")).json();
    expect(writerView.items.find((i: { kind: string }) => i.kind === "submitted")).toMatchObject({ applies: false });
    before = inbox.messages.length;
    const third = await story(writer, "Night walk of the Strand lamps");
    await api(writer, "POST", `/articles/${third.id}/submit`, {});
    await drain();
    await inbox.waitFor(before + 1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(since(before).map((m) => m.to)).toEqual([admin.user.email]);
    // The editor is still counted as told (shown in the newsroom), just not emailed.
    const rows = await get()
      .handle.db.selectFrom("notifications")
      .select(["user_id", "email", "emailed_at"])
      .where("article_id", "=", third.id)
      .orderBy("user_id")
      .execute();
    expect(rows.map((r) => [r.user_id, Number(r.email), r.emailed_at !== null])).toEqual(
      [
        [editor.user.id, 0, false],
        [admin.user.id, 1, true],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    await api(editor, "PUT", "/notifications/settings", { submitted: true });
  });

  it("emails once however often the job runs, and the move queues one job", async () => {
    const { handle } = get();
    const s = await story(writer, "The Strand lamps, counted");
    await api(writer, "POST", `/articles/${s.id}/submit`, {});
    const event = await handle.db
      .selectFrom("article_events")
      .select("id")
      .where("article_id", "=", s.id)
      .where("to_status", "=", "in_review")
      .executeTakeFirstOrThrow();
    // The same key again is the same job.
    const job = await enqueue(handle.db, NOTIFY_JOB, { eventId: event.id }, { key: `${NOTIFY_JOB}:${event.id}` });
    const jobs = await handle.db
      .selectFrom("jobs")
      .select("id")
      .where("key", "=", `${NOTIFY_JOB}:${event.id}`)
      .execute();
    expect(jobs.map((j) => j.id)).toEqual([job.id]);
    const before = inbox.messages.length;
    await drain();
    await inbox.waitFor(before + 2, 10_000);
    // A second run (a retry after a crash) finds everyone emailed.
    const mailer = createMailer({ ...get().config, smtpUrl: inbox.url });
    const note = await deliverNotifications(
      {
        db: handle.db,
        mailer,
        site: { name: "London Daily", url: "http://x", timeZone: "Europe/London" },
        now: () => clock,
      },
      event.id,
    );
    expect(note).toBe("Told 2 (submitted); 0 emailed.");
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.messages.length).toBe(before + 2);
    await mailer.close();
  });

  it("refuses bad settings and answers only the signed in", async () => {
    expect((await api(writer, "PUT", "/notifications/settings", { lunch: true })).statusCode).toBe(400);
    expect((await api(writer, "PUT", "/notifications/settings", {})).statusCode).toBe(400);
    expect((await api(writer, "PUT", "/notifications/settings", { returned: "no" })).statusCode).toBe(400);
    const anonymous = await app.inject({ method: "GET", url: "/api/newsroom/notifications/settings" });
    expect(anonymous.statusCode).toBe(401);
    const kept = await api(contributor, "PUT", "/notifications/settings", { published: false, returned: true });
    expect(kept.json().items.map((i: { kind: string; email: boolean }) => [i.kind, i.email])).toEqual([
      ["submitted", true],
      ["returned", true],
      ["approved", true],
      ["scheduled", true],
      ["published", false],
    ]);
  });
});
