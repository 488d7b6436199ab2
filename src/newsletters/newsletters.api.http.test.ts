import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { composeMorningHeadlines } from "./edition.js";
import { createMailer } from "../platform/mail/mailer.js";
import { createJobRunner } from "../jobs.js";
import { enqueue, listJobs } from "../platform/jobs/job.queries.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// The newsroom's newsletters API on both engines: who may do what, editing a draft edition
// (version-checked, refused once sent), hold/release/send-now, the preview, a test send through
// real SMTP, and subscriber search, export and import.

const now = new Date("2026-07-01T05:40:00Z"); // 06:40 in London, the Morning Headlines composed at 05:30

describeEachDatabase("newsletters API", (get) => {
  let app: FastifyInstance;
  let inbox: MailInbox;
  let editor: SignedIn;
  let admin: SignedIn;
  let writer: SignedIn;
  let contributor: SignedIn;
  let editionId: number;
  let articleIds: number[];
  const api = (who: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown, headers = {}) =>
    app.inject({
      method,
      url: `/api/newsroom${url}`,
      headers: { ...who.headers, ...headers },
      payload: payload as string,
    });

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    inbox = await startMailInbox();
    const section = await buildSection(db, { slug: "uk", name: "UK" });
    articleIds = [];
    for (let i = 0; i < 3; i++) {
      const a = await buildArticle(db, {
        sectionId: section.id,
        slug: `api-story-${i}`,
        headline: `API story ${i}`,
        publishedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
      });
      articleIds.push(a.id);
    }
    const composed = await composeMorningHeadlines(db, { now, timeZone: config.timeZone });
    if (composed.status !== "composed") throw new Error(composed.status);
    editionId = composed.briefingId;
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    app = await buildApp({ config, db, logger: false, now: () => now, mailer });
    app.addHook("onClose", () => mailer.close());
    const users = await Promise.all(
      (["editor", "admin", "writer", "contributor"] as const).map((r) => signedIn(db, r, now)),
    );
    [editor, admin, writer, contributor] = users as [SignedIn, SignedIn, SignedIn, SignedIn];
    await api(
      editor,
      "POST",
      "/subscribers/import?newsletter=morning-headlines&consent=true",
      "email\nann@example.org\nbob@example.org\n",
      {
        "content-type": "text/csv",
      },
    );
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  it("lets editors and admins manage newsletters, only admins change them, and refuses writers and contributors", async () => {
    for (const who of [writer, contributor]) {
      expect((await api(who, "GET", "/newsletters")).statusCode).toBe(403);
      expect((await api(who, "GET", "/editions")).statusCode).toBe(403);
      expect((await api(who, "GET", "/subscribers")).statusCode).toBe(403);
    }
    const list = await api(editor, "GET", "/newsletters");
    expect(list.statusCode).toBe(200);
    const morning = list.json().items.find((n: { slug: string }) => n.slug === "morning-headlines");
    expect(morning).toMatchObject({ confirmed: 2, pending: 0, sendCron: "0 6 * * *", timeZone: "Europe/London" });
    expect(morning.nextSendAt).toBe("2026-07-02T05:00:00.000Z");

    const create = { name: "The Long Read", kind: "weekly", sendCron: "0 9 * * 0" };
    expect((await api(editor, "POST", "/newsletters", create)).json().error.code).toBe("FORBIDDEN");
    expect((await api(admin, "POST", "/newsletters", { ...create, sendCron: "every sunday" })).json().error.code).toBe(
      "VALIDATION_FAILED",
    );
    const made = await api(admin, "POST", "/newsletters", create);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      slug: "the-long-read",
      status: "active",
      nextSendAt: "2026-07-05T08:00:00.000Z",
    });
    const paused = await api(admin, "PATCH", `/newsletters/${made.json().id}`, {
      name: "Long Reads",
      status: "paused",
    });
    expect(paused.json()).toMatchObject({ name: "Long Reads", status: "paused", nextSendAt: null });
    expect((await api(editor, "PATCH", `/newsletters/${made.json().id}`, { status: "active" })).statusCode).toBe(403);
    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "newsletter")
      .where("subject_id", "=", String(made.json().id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["newsletter.create", "newsletter.pause"]);
  });

  it("resets a bouncing address's bounces, never an unsubscribed one's", async () => {
    const db = get().handle.db;
    const at = now.toISOString();
    const [bouncing, gone] = await Promise.all(
      [
        { email: "full-mailbox@example.org", status: "bouncing" as const, bounces: 3 },
        { email: "left@example.org", status: "unsubscribed" as const, bounces: 2 },
      ].map((p) =>
        db
          .insertInto("subscribers")
          .values({ ...p, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow(),
      ),
    );
    expect((await api(writer, "POST", `/subscribers/${bouncing!.id}/reset-bounces`, {})).statusCode).toBe(403);
    const reset = await api(editor, "POST", `/subscribers/${bouncing!.id}/reset-bounces`, {});
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ id: bouncing!.id, email: "full-mailbox@example.org", status: "active", bounces: 0 });
    const refused = await api(editor, "POST", `/subscribers/${gone!.id}/reset-bounces`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/unsubscribed from everything/);
    const rows = await db
      .selectFrom("subscribers")
      .select(["email", "status", "bounces"])
      .where("id", "in", [bouncing!.id, gone!.id])
      // By address: the two rows were inserted at once, so their ids come in either order.
      .orderBy("email")
      .execute();
    expect(rows).toEqual([
      { email: "full-mailbox@example.org", status: "active", bounces: 0 },
      { email: "left@example.org", status: "unsubscribed", bounces: 2 },
    ]);
    expect((await api(editor, "POST", "/subscribers/999999/reset-bounces", {})).statusCode).toBe(404);
  });

  it("adds digests of a section or a topic, refuses a second alert newsletter and unknown sources", async () => {
    const db = get().handle.db;
    const section = await db.selectFrom("sections").select(["id", "name"]).executeTakeFirstOrThrow();
    const tag = await db
      .insertInto("tags")
      .values({ slug: "housing", name: "Housing" })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    const bad = async (body: object, message: RegExp) => {
      const res = await api(admin, "POST", "/newsletters", body);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
      expect(res.json().error.message).toMatch(message);
    };
    await bad({ name: "Flood alerts", kind: "alert" }, /daily or weekly/);
    await bad({ name: "Lost", kind: "daily", sectionId: 99_999 }, /no section 99999/);
    await bad({ name: "Lost", kind: "daily", tagId: 99_999 }, /no topic 99999/);
    await bad({ name: "Both", kind: "daily", sectionId: section.id, tagId: tag.id }, /not both/);
    expect((await api(admin, "POST", "/newsletters", { name: "Video", kind: "weekly" })).statusCode).toBe(409);

    const made = await api(admin, "POST", "/newsletters", {
      name: "The Desk",
      kind: "daily",
      sendCron: "0 18 * * *",
      sectionId: section.id,
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      slug: "the-desk",
      digest: true,
      source: { section: { id: section.id, name: section.name }, tag: null },
    });
    // A topic replaces the section.
    const moved = await api(admin, "PATCH", `/newsletters/${made.json().id}`, { tagId: tag.id });
    expect(moved.json().source).toEqual({ section: null, tag: { id: tag.id, name: "Housing" } });
    // Merging the topic away keeps the newsletter on the merged topic.
    const into = await db
      .insertInto("tags")
      .values({ slug: "homes", name: "Homes" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await api(admin, "POST", "/tags/merge", { fromId: tag.id, intoId: into.id })).statusCode).toBe(200);
    const after = (await api(admin, "GET", "/newsletters"))
      .json()
      .items.find((n: { slug: string }) => n.slug === "the-desk");
    expect(after.source.tag).toEqual({ id: into.id, name: "Homes" });
    const morning = (await api(admin, "GET", "/newsletters"))
      .json()
      .items.find((n: { slug: string }) => n.slug === "morning-headlines");
    expect(morning.digest).toBe(false);
    const own = await api(admin, "PATCH", `/newsletters/${morning.id}`, { sectionId: section.id });
    expect(own.statusCode).toBe(400);

    // Its first send finds nothing on the topic: the newsroom sees why no email went.
    const { config } = get();
    const runner = await createJobRunner({
      db,
      config,
      mailer: createMailer({ ...config, smtpUrl: inbox.url }),
      now: () => now,
      schedules: false,
    });
    await enqueue(db, "newsletter.digest", { newsletter: "the-desk", editionDate: "2026-07-01" }, { now });
    await runner.tick();
    await runner.idle();
    await runner.stop();
    const desk = (await api(editor, "GET", "/newsletters"))
      .json()
      .items.find((n: { slug: string }) => n.slug === "the-desk");
    expect(desk.lastRun).toEqual({
      at: now.toISOString(),
      note: "Nothing new was published for The Desk: no edition.",
      failed: false,
    });
  });

  it("edits a draft edition with a version check, holds, releases and previews it", async () => {
    const read = await api(editor, "GET", `/editions/${editionId}`);
    expect(read.statusCode).toBe(200);
    const edition = read.json();
    expect(edition).toMatchObject({ newsletter: "morning-headlines", status: "pending", editionDate: "2026-07-01" });
    expect(edition.items.map((i: { id: number }) => i.id)).toEqual(articleIds);

    const reordered = [articleIds[2]!, articleIds[0]!].map((id) => ({ id }));
    const saved = await api(editor, "PUT", `/editions/${editionId}`, {
      baseVersion: edition.version,
      intro: "A short intro from the desk.",
      items: reordered,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items.map((i: { id: number }) => i.id)).toEqual([articleIds[2], articleIds[0]]);
    const stale = await api(editor, "PUT", `/editions/${editionId}`, { baseVersion: edition.version, intro: "Old" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.intro).toBe("A short intro from the desk.");
    const foreign = await api(editor, "PUT", `/editions/${editionId}`, {
      baseVersion: saved.json().version,
      items: [{ id: 999999 }],
    });
    expect(foreign.json().error.code).toBe("VALIDATION_FAILED");

    expect((await api(editor, "POST", `/editions/${editionId}/hold`)).json().status).toBe("held");
    expect((await api(editor, "POST", `/editions/${editionId}/release`)).json().status).toBe("pending");
    // Repeating a move is harmless: it answers with the edition as it is.
    expect((await api(editor, "POST", `/editions/${editionId}/release`)).json().status).toBe("pending");

    const html = await api(editor, "GET", `/editions/${editionId}/preview`);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("A short intro from the desk.");
    expect(html.body).toContain("API story 2");
    expect(html.body).not.toContain("API story 1");
    expect(html.body).toContain("#preview-unsubscribe");
    expect(html.body).not.toContain(".invalid/slot");
    const text = await api(editor, "GET", `/editions/${editionId}/preview?format=text`);
    expect(text.headers["content-type"]).toContain("text/plain");
    expect(text.body).toContain("* API story 2");
  });

  it("sends a test to one address with [Test] in the subject, recording no delivery", async () => {
    inbox.messages.length = 0;
    const bad = await api(editor, "POST", `/editions/${editionId}/test`, { email: "nobody\r\nBcc: x@example.org" });
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    const res = await api(editor, "POST", `/editions/${editionId}/test`, { email: "desk@example.org" });
    expect(res.statusCode).toBe(200);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toMatch(/^\[Test\] London Daily Morning Headlines - Wednesday, July 1 2026$/);
    expect(JSON.stringify(mail!.to)).toContain("desk@example.org");
    expect(await get().handle.db.selectFrom("deliveries").select("edition").execute()).toEqual([]);
  });

  it("sends now through the durable job, then refuses edits, holds and a second send", async () => {
    const before = (await api(editor, "GET", `/editions/${editionId}`)).json();
    const res = await api(editor, "POST", `/editions/${editionId}/send-now`);
    expect(res.statusCode).toBe(202);
    const jobs = await listJobs(get().handle.db, { name: "newsletter.send" });
    expect(jobs.map((j) => j.payload)).toEqual([{ newsletter: "morning-headlines", editionDate: "2026-07-01" }]);
    // What the job does first: mark the edition sending (the send itself is tested elsewhere).
    await get().handle.db.updateTable("briefings").set({ send_status: "sent" }).where("id", "=", editionId).execute();
    const edit = await api(editor, "PUT", `/editions/${editionId}`, { baseVersion: before.version + 1, intro: "Late" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/sent/);
    expect((await api(editor, "POST", `/editions/${editionId}/hold`)).statusCode).toBe(409);
    expect((await api(editor, "POST", `/editions/${editionId}/send-now`)).statusCode).toBe(409);
    const list = await api(editor, "GET", "/editions?newsletter=morning-headlines");
    expect(list.json().items[0]).toMatchObject({
      id: editionId,
      status: "sent",
      deliveries: { delivered: 0, waiting: 0, failed: 0 },
    });
  });

  it("searches, exports and imports subscribers with a line-by-line report", async () => {
    const report = await api(editor, "POST", "/subscribers/import", {
      newsletter: "breaking-news",
      consent: false,
      csv: "name,email\nCat,cat@example.org\nBad,not-an-address\nAgain,CAT@example.org\nAnn,ann@example.org\n",
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ added: 2, alreadySubscribed: 0, consent: false });
    expect(report.json().skipped).toEqual([
      { line: 3, kind: "bad", reason: expect.stringContaining("not-an-address") },
      { line: 4, kind: "duplicate", reason: "same address as line 2" },
    ]);
    expect(report.json().report[0]).toMatch(/^Added 2 pending/);
    expect(
      (await api(editor, "POST", "/subscribers/import", { newsletter: "nope", csv: "email\na@example.org\n" }))
        .statusCode,
    ).toBe(400);

    const search = await api(editor, "GET", "/subscribers?q=ann");
    expect(search.json().items).toHaveLength(1);
    expect(
      search
        .json()
        .items[0].subscriptions.map((s: { newsletter: string; status: string }) => `${s.newsletter}:${s.status}`),
    ).toEqual(["morning-headlines:confirmed", "breaking-news:pending"]);
    const pending = await api(editor, "GET", "/subscribers?newsletter=breaking-news&status=pending");
    expect(pending.json().items.map((i: { email: string }) => i.email)).toEqual(["ann@example.org", "cat@example.org"]);

    const csv = await api(editor, "GET", "/subscribers/export.csv?newsletter=morning-headlines");
    expect(csv.headers["content-type"], csv.body).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("attachment");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toMatch(/^email,newsletter,status/);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "ann@example.org,morning-headlines,confirmed",
      "bob@example.org,morning-headlines,confirmed",
    ]);
    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .select("action")
      .where("action", "like", "subscribers.%")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "subscribers.export",
      "subscribers.import",
      "subscribers.import",
    ]);
  });
});
