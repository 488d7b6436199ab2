import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "../database.js";
import { JOBS } from "../jobs.js";
import { enqueue, listJobs } from "../platform/jobs/job.queries.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { DELIVERY_MAX_ATTEMPTS } from "./delivery-retry.js";
import { composeMorningHeadlines } from "./edition.js";
import { resumeEdition } from "./resume-edition.js";

// A mail server that goes away and comes back, through the real job runner and a real SMTP server, on
// an injected clock: temporary failures wait and retry with back-off per delivery (for hours), permanent
// ones fail at once, nothing is lost and nobody gets the edition twice.

const start = new Date("2026-12-01T06:00:00Z"); // 06:00 in London
const EDITION = "morning-headlines/2026-12-01";

const to = (m: MailInbox["messages"][number]) => (m.to && "value" in m.to ? m.to.value[0]!.address! : "");

async function deliveries(db: Db) {
  const rows = await db.selectFrom("deliveries").select("status").where("edition", "=", EDITION).execute();
  const by = (s: string) => rows.filter((r) => r.status === s).length;
  return { sent: by("sent"), queued: by("queued"), failed: by("failed") };
}

describeEachDatabase("newsletter delivery through a mail server outage", (get) => {
  let inbox: MailInbox;
  let port: number;
  let t = start;
  const now = () => t;

  beforeAll(async () => {
    const db = get().handle.db;
    const section = await buildSection(db, { slug: "uk", name: "UK" });
    for (let i = 0; i < 3; i++) {
      await buildArticle(db, {
        sectionId: section.id,
        slug: `outage-${i}`,
        headline: `Outage story ${i}`,
        publishedAt: new Date(start.getTime() - (i + 2) * 3_600_000),
      });
    }
    inbox = await startMailInbox();
    port = Number(new URL(inbox.url).port);
  });
  afterAll(() => inbox.close());

  beforeEach(async () => {
    const db = get().handle.db;
    t = start;
    for (const table of [
      "deliveries",
      "subscriptions",
      "subscribers",
      "jobs",
      "briefing_items",
      "briefings",
    ] as const) {
      await db.deleteFrom(table).execute();
    }
    inbox.messages.length = 0;
    inbox.reject.clear();
    expect(await composeMorningHeadlines(db, { now: start, timeZone: "Europe/London" })).toMatchObject({
      status: "composed",
    });
  });

  const sendJob = (db: Db) =>
    enqueue(db, JOBS.send, { newsletter: "morning-headlines", editionDate: "2026-12-01" }, { now: start });

  it("keeps every delivery while the server is away, and sends each one once when it is back", async () => {
    const { handle, config } = get();
    const db = handle.db;
    for (let i = 0; i < 30; i++) await subscribeTo(db, `away${i}@example.org`, "morning-headlines");
    await inbox.close(); // the mail server goes away: connections are refused
    const runner = await inboxJobRunner({ db, config, inbox }, now);
    try {
      const job = await sendJob(db);
      await runner.run();
      const [done] = await listJobs(db, { name: JOBS.send });
      expect(done).toMatchObject({ id: job.id, status: "succeeded" });
      expect(done!.progress?.message).toMatch(
        /^0 delivered, 30 waiting \(next try at 2026-12-01T06:01:00.000Z\), 0 failed\.$/,
      );
      expect(await deliveries(db)).toEqual({ sent: 0, queued: 30, failed: 0 });
      // It stopped at the first refusal: only the messages already in flight spent a try.
      const tried = await db.selectFrom("deliveries").select("attempts").where("attempts", ">", 0).execute();
      expect(tried.length).toBeLessThanOrEqual(8);
      const edition = await db.selectFrom("briefings").select("send_status").executeTakeFirstOrThrow();
      expect(edition.send_status).toBe("sending");

      // Still away a minute later: the next try is further off.
      t = new Date(start.getTime() + 60_000);
      await runner.run();
      expect(await deliveries(db)).toEqual({ sent: 0, queued: 30, failed: 0 });
      const [follow] = await listJobs(db, { name: JOBS.deliver, status: "queued" });
      expect(follow!.runAt.toISOString()).toBe("2026-12-01T06:03:00.000Z");

      // Back after three minutes: everything goes, once.
      inbox = await startMailInbox({ port });
      t = new Date(start.getTime() + 3 * 60_000);
      await runner.run();
      expect(await deliveries(db)).toEqual({ sent: 30, queued: 0, failed: 0 });
      const received = await inbox.waitFor(30);
      expect(new Set(received.map(to)).size).toBe(30);
      await new Promise((r) => setTimeout(r, 200));
      expect(inbox.messages).toHaveLength(30);
      expect((await db.selectFrom("briefings").select("send_status").executeTakeFirstOrThrow()).send_status).toBe(
        "sent",
      );
      const [last] = await listJobs(db, { name: JOBS.deliver, status: "succeeded" });
      expect(last!.progress?.message).toBe("Sent: 30 delivered, 0 failed.");
    } finally {
      await runner.stop();
    }
  }, 60_000);

  it("fails a 5xx at once, retries a 4xx for hours before giving up, and retries the failed ones on request", async () => {
    const { handle, config } = get();
    const db = handle.db;
    for (const name of ["ann", "bob", "gone", "grey"])
      await subscribeTo(db, `${name}@example.org`, "morning-headlines");
    inbox.reject.set("gone@example.org", { code: 550, message: "No such user" });
    inbox.reject.set("grey@example.org", { code: 451, message: "Try again later" });
    const runner = await inboxJobRunner({ db, config, inbox }, now);
    try {
      await sendJob(db);
      await runner.run();
      expect(await deliveries(db)).toEqual({ sent: 2, queued: 1, failed: 1 });
      const gone = await db
        .selectFrom("deliveries as d")
        .innerJoin("subscribers as s", "s.id", "d.subscriber_id")
        .select(["d.last_error", "s.bounces"])
        .where("s.email", "=", "gone@example.org")
        .executeTakeFirstOrThrow();
      expect(gone).toMatchObject({ bounces: 1 });
      expect(gone.last_error).toMatch(/No such user/);

      // The 4xx is tried again at each next try, doubling from a minute to an hour, until it gives up.
      let tries = 1;
      for (;;) {
        const [next] = await listJobs(db, { name: JOBS.deliver, status: "queued" });
        if (!next) break;
        t = next.runAt;
        await runner.run();
        tries += 1;
      }
      expect(tries).toBe(DELIVERY_MAX_ATTEMPTS);
      expect((t.getTime() - start.getTime()) / 3_600_000).toBeGreaterThan(6);
      expect(await deliveries(db)).toEqual({ sent: 2, queued: 0, failed: 2 });
      const grey = await db
        .selectFrom("deliveries as d")
        .innerJoin("subscribers as s", "s.id", "d.subscriber_id")
        .select("d.last_error")
        .where("s.email", "=", "grey@example.org")
        .executeTakeFirstOrThrow();
      expect(grey.last_error).toMatch(/^gave up after 12 tries: .*Try again later/);
      expect(inbox.messages.map(to).sort()).toEqual(["ann@example.org", "bob@example.org"]);

      // The editor retries the failed ones once the addresses are fixed on the other side.
      inbox.reject.clear();
      const edition = await db.selectFrom("briefings").select(["id", "send_status"]).executeTakeFirstOrThrow();
      await resumeEdition(
        db,
        { id: edition.id, key: EDITION, sendStatus: edition.send_status },
        { retryFailed: true, now: t },
      );
      await runner.run();
      expect(await deliveries(db)).toEqual({ sent: 4, queued: 0, failed: 0 });
      await inbox.waitFor(4);
      expect(inbox.messages.map(to).sort()).toEqual([
        "ann@example.org",
        "bob@example.org",
        "gone@example.org",
        "grey@example.org",
      ]);
    } finally {
      await runner.stop();
    }
  }, 60_000);

  it("fails the job, not 'succeeded', when every delivery failed", async () => {
    const { handle, config } = get();
    const db = handle.db;
    for (const name of ["x", "y"]) {
      await subscribeTo(db, `${name}@example.org`, "morning-headlines");
      inbox.reject.set(`${name}@example.org`, { code: 550, message: "No such user" });
    }
    const runner = await inboxJobRunner({ db, config, inbox }, now);
    try {
      await sendJob(db);
      await runner.run();
      const [job] = await listJobs(db, { name: JOBS.send });
      expect(job!.status).toBe("failed");
      expect(job!.lastError).toMatch(/Every delivery failed \(2\)/);
    } finally {
      await runner.stop();
    }
  });
});
