import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../test/support/databases.js";
import { buildArticle, buildSection } from "../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../test/support/mail-inbox.js";
import { createJobRunner } from "./jobs.js";
import { listJobs } from "./platform/jobs/job.queries.js";
import { createMailer } from "./platform/mail/mailer.js";

// The Morning Headlines day with a simulated clock: nothing before 05:30 London time, the edition
// composed at 05:30, sent at 06:00 to the confirmed subscribers — in summer (BST, 04:30Z/05:00Z)
// and after the clocks go back (GMT, 05:30Z/06:00Z).

const MINUTE = 60_000;

describeEachDatabase("the newsletter schedule", (get) => {
  let inbox: MailInbox;
  beforeAll(async () => {
    const db = get().handle.db;
    inbox = await startMailInbox();
    const section = await buildSection(db, { slug: "uk", name: "UK" });
    for (const day of ["2026-07-01T00:30:00Z", "2026-10-27T01:00:00Z"]) {
      await buildArticle(db, { sectionId: section.id, publishedAt: new Date(day), headline: `Overnight news ${day}` });
    }
    const newsletter = await db
      .selectFrom("newsletters")
      .select("id")
      .where("slug", "=", "morning-headlines")
      .executeTakeFirstOrThrow();
    const at = "2026-06-01T00:00:00Z";
    const reader = await db
      .insertInto("subscribers")
      .values({ email: "early@example.org", created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("subscriptions")
      .values({
        subscriber_id: reader.id,
        newsletter_id: newsletter.id,
        status: "confirmed",
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  afterAll(() => inbox?.close());

  it.each([
    ["summer (BST)", "2026-07-01", "2026-07-01T04:00:00Z", "2026-07-01T04:30:00Z", "2026-07-01T05:00:00Z"],
    ["winter (GMT)", "2026-10-27", "2026-10-27T05:00:00Z", "2026-10-27T05:30:00Z", "2026-10-27T06:00:00Z"],
  ])("composes at 05:30 and sends at 06:00 London time in %s", async (_season, date, start, compose, send) => {
    const { handle, config } = get();
    const db = handle.db;
    let at = new Date(start).getTime();
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const runner = await createJobRunner({ db, config, mailer, now: () => new Date(at), pollMs: 5 });
    const edition = () =>
      db.selectFrom("briefings").select(["send_status", "status"]).where("edition_date", "=", date).executeTakeFirst();
    inbox.messages.length = 0;
    // Bring the runner up at `start` (its first poll only notes where the schedules stand).
    await runner.tick();
    await runner.idle();
    for (; at < new Date(compose).getTime(); at += MINUTE) {
      await runner.tick();
      await runner.idle();
    }
    expect(await edition()).toBeUndefined();
    for (; at < new Date(send).getTime(); at += MINUTE) {
      await runner.tick();
      await runner.idle();
    }
    expect(await edition()).toEqual({ send_status: "pending", status: "draft" });
    expect(inbox.messages).toHaveLength(0);
    for (let i = 0; i < 3; i++, at += MINUTE) {
      await runner.tick();
      await runner.idle();
    }
    await runner.stop();
    await mailer.close();
    expect(await edition()).toEqual({ send_status: "sent", status: "published" });
    const [mail] = await inbox.waitFor(1);
    expect(mail!.subject).toContain(new Date(`${date}T12:00:00Z`).getUTCDate().toString());
    const sends = await listJobs(db, { name: "newsletter.send" });
    expect(sends[0]!.key).toBe(`newsletter.send@${new Date(send).toISOString()}`);
  });
});
