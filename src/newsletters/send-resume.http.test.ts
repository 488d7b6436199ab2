import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { JOBS } from "../jobs.js";
import { createMailer } from "../platform/mail/mailer.js";
import { enqueue, listJobs } from "../platform/jobs/job.queries.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { composeMorningHeadlines } from "./edition.js";
import { newsletterSend } from "../cli/newsletter.cli.js";

// A send left half-done (its sender killed, its job failed after its attempts) is never stuck: the
// newsroom resumes it (send-now or resume), the command line does too, and each remaining subscriber
// gets it exactly once; after it went out, the command line sends it to newcomers only.

const start = new Date("2026-12-01T06:30:00Z");
const EDITION = "morning-headlines/2026-12-01";
const to = (m: MailInbox["messages"][number]) => (m.to && "value" in m.to ? m.to.value[0]!.address! : "");

/** The state the issue found: sending, 5 of 20 sent, the dead sender's lease still running, the job failed. */
async function interruptedSend(db: Db, editionId: number, now: Date) {
  const at = now.toISOString();
  await db
    .updateTable("briefings")
    .set({
      send_status: "sending",
      send_lease_by: "dead-sender",
      send_lease_until: new Date(now.getTime() + 30_000).toISOString(),
    })
    .where("id", "=", editionId)
    .execute();
  const people = await db.selectFrom("subscribers").select(["id", "email"]).orderBy("id").execute();
  await db
    .insertInto("deliveries")
    .values(
      people.map((p, i) => ({
        edition: EDITION,
        subscriber_id: p.id,
        status: i < 5 ? ("sent" as const) : ("queued" as const),
        attempts: i < 5 ? 1 : 4,
        message_id: `<morning-headlines.2026-12-01.${p.id}@news.example>`,
        last_error: i < 5 ? null : "connect ECONNREFUSED",
        updated_at: at,
      })),
    )
    .execute();
  const job = await enqueue(
    db,
    JOBS.send,
    { newsletter: "morning-headlines", editionDate: "2026-12-01" },
    {
      key: "newsletter.send@cli:2026-12-01",
      now,
    },
  );
  await db
    .updateTable("jobs")
    .set({ status: "failed", last_error: "TransientSendError" })
    .where("id", "=", job.id)
    .execute();
  return people.map((p) => p.email);
}

describeEachDatabase("resuming an interrupted newsletter send", (get) => {
  let app: FastifyInstance;
  let inbox: MailInbox;
  let editor: SignedIn;
  let editionId: number;
  let t = start;
  const now = () => t;
  const api = (method: "GET" | "POST", url: string) =>
    app.inject({ method, url: `/api/newsroom${url}`, headers: editor.headers });

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    inbox = await startMailInbox();
    const section = await buildSection(db, { slug: "uk", name: "UK" });
    await buildArticle(db, {
      sectionId: section.id,
      slug: "lead",
      headline: "The lead",
      publishedAt: new Date(start.getTime() - 3_600_000),
    });
    const composed = await composeMorningHeadlines(db, { now: start, timeZone: config.timeZone });
    if (composed.status !== "composed") throw new Error(composed.status);
    editionId = composed.briefingId;
    for (let i = 0; i < 20; i++)
      await subscribeTo(db, `r${String(i).padStart(2, "0")}@example.org`, "morning-headlines");
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    app = await buildApp({ config, db, logger: false, now, mailer });
    app.addHook("onClose", () => mailer.close());
    editor = await signedIn(db, "editor", start);
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  it("resumes from the newsroom: each remaining subscriber once, and the edition says where it stands", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const emails = await interruptedSend(db, editionId, start);
    const stuck = (await api("GET", `/editions/${editionId}`)).json();
    expect(stuck).toMatchObject({ status: "sending", deliveries: { delivered: 5, waiting: 15, failed: 0 } });

    const res = await api("POST", `/editions/${editionId}/send-now`);
    expect(res.statusCode).toBe(202);
    expect(res.json().jobId).toEqual(expect.any(Number));
    const runner = await inboxJobRunner({ db, config, inbox }, now);
    try {
      // The dead sender's lease still runs: the resume waits for it, then sends.
      await runner.run();
      expect(inbox.messages).toHaveLength(0);
      t = new Date(start.getTime() + 60_000);
      await runner.run();
    } finally {
      await runner.stop();
    }
    await inbox.waitFor(15);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages.map(to).sort()).toEqual(emails.slice(5));
    const done = (await api("GET", `/editions/${editionId}`)).json();
    expect(done).toMatchObject({ status: "sent", deliveries: { delivered: 20, waiting: 0, failed: 0 } });
    const again = await api("POST", `/editions/${editionId}/retry-failed`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("No delivery of this edition failed: nothing to retry");
    await db
      .updateTable("deliveries")
      .set({ status: "failed" })
      .where(
        "subscriber_id",
        "=",
        (
          await db
            .selectFrom("subscribers")
            .select("id")
            .where("email", "=", "r19@example.org")
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();
    const list = (await api("GET", "/editions?newsletter=morning-headlines")).json();
    expect(list.items[0]).toMatchObject({
      status: "sent-with-failures",
      deliveries: { delivered: 19, waiting: 0, failed: 1 },
    });
  }, 30_000);

  it("resumes from the command line, whose job key belonged to the failed job, then sends only to newcomers", async () => {
    const { handle, config } = get();
    const db = handle.db;
    t = start;
    await db.deleteFrom("deliveries").execute();
    await db.deleteFrom("jobs").execute();
    inbox.messages.length = 0;
    const emails = await interruptedSend(db, editionId, start);
    await db.updateTable("briefings").set({ send_lease_until: null, send_lease_by: null }).execute();
    const lines: string[] = [];
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const deps = { db, config, mailer, now };
    try {
      expect(await newsletterSend(deps, "morning-headlines", { now: true }, (l) => lines.push(l))).toBe(0);
      expect(lines.at(-1)).toBe("Today's morning-headlines edition: 20 sent, 0 failed.");
      await inbox.waitFor(15);
      expect(inbox.messages.map(to).sort()).toEqual(emails.slice(5));

      // Sent: two readers confirm afterwards, and the same command sends it to them alone.
      await subscribeTo(db, "late1@example.org", "morning-headlines");
      await subscribeTo(db, "late2@example.org", "morning-headlines");
      lines.length = 0;
      expect(await newsletterSend(deps, "morning-headlines", { now: true }, (l) => lines.push(l))).toBe(0);
      expect(lines, lines.join("\n")).toContain(
        "Today's morning-headlines edition had gone to 20; sent it to 2 more confirmed subscribers who had not had it.",
      );
      await inbox.waitFor(17);
      lines.length = 0;
      expect(await newsletterSend(deps, "morning-headlines", { now: true }, (l) => lines.push(l))).toBe(0);
      expect(lines).toContain(
        "Today's morning-headlines edition has already gone to every confirmed subscriber who can receive it (22): nothing more to send.",
      );
    } finally {
      await mailer.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages).toHaveLength(17);
    expect(new Set(inbox.messages.map(to)).size).toBe(17);
    expect((await listJobs(db, { name: JOBS.deliver })).every((j) => j.status === "succeeded")).toBe(true);
  }, 30_000);

  it("holds a send under way and sends nothing more, then release takes it up again", async () => {
    const { handle, config } = get();
    const db = handle.db;
    t = start;
    await db.deleteFrom("deliveries").execute();
    await db.deleteFrom("jobs").execute();
    await db.deleteFrom("subscribers").where("email", "like", "late%").execute();
    inbox.messages.length = 0;
    const emails = await interruptedSend(db, editionId, start);
    await db.updateTable("briefings").set({ send_lease_until: null, send_lease_by: null }).execute();
    // A next try was queued before the editor held it.
    await enqueue(db, JOBS.deliver, { editionId }, { now: start });
    const held = await api("POST", `/editions/${editionId}/hold`);
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: "held", deliveries: { delivered: 5, waiting: 15 } });
    const runner = await inboxJobRunner({ db, config, inbox }, now);
    try {
      await runner.run();
      expect(inbox.messages).toHaveLength(0);
      const released = await api("POST", `/editions/${editionId}/release`);
      expect(released.json()).toMatchObject({ status: "sending" });
      await runner.run();
    } finally {
      await runner.stop();
    }
    await inbox.waitFor(15);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages.map(to).sort()).toEqual(emails.slice(5));
    expect((await api("GET", `/editions/${editionId}`)).json()).toMatchObject({
      status: "sent",
      deliveries: { delivered: 20, waiting: 0, failed: 0 },
    });
  }, 30_000);
});
