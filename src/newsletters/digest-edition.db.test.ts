import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "../database.js";
import { getJob, listJobs } from "../platform/jobs/job.queries.js";
import { createMailer } from "../platform/mail/mailer.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection, buildTag } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { newsletterCompose, newsletterSend } from "../cli/newsletter.cli.js";

// Newsletters an admin adds are digests: at their send time (read from the database, changed
// without a restart) each edition gathers what its section or topic published since the previous
// edition, goes to its confirmed subscribers once, and becomes the "view in browser" page.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const to = (m: { to?: unknown }) => (m.to as { value: { address: string }[] } | undefined)?.value[0]?.address ?? "";

async function addNewsletter(
  db: Db,
  input: {
    slug: string;
    name: string;
    kind: "daily" | "weekly";
    cron: string | null;
    sectionId?: number;
    tagId?: number;
  },
) {
  return db
    .insertInto("newsletters")
    .values({
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      send_cron: input.cron,
      section_id: input.sectionId ?? null,
      tag_id: input.tagId ?? null,
      position: 10,
      created_at: "2026-06-01T00:00:00Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describeEachDatabase("digest newsletters added in the newsroom", (get) => {
  let inbox: MailInbox;
  let politics: number;
  let sport: number;
  let climate: number;
  let weeklyId: number;
  beforeAll(async () => {
    const db = get().handle.db;
    inbox = await startMailInbox();
    politics = (await buildSection(db, { slug: "politics", name: "Politics" })).id;
    sport = (await buildSection(db, { slug: "sport", name: "Sport" })).id;
    climate = (await buildTag(db, { slug: "climate", name: "Climate" })).id;
    weeklyId = (
      await addNewsletter(db, {
        slug: "politics-weekly",
        name: "Politics Weekly",
        kind: "weekly",
        cron: "0 7 * * 1",
        sectionId: politics,
      })
    ).id;
    await subscribeTo(db, "wonk@example.org", "politics-weekly");
    await subscribeTo(db, "maybe@example.org", "politics-weekly", "pending");
  });
  afterAll(() => inbox?.close());
  beforeEach(() => {
    inbox.messages.length = 0;
  });

  const runner = (now: () => Date, schedules = false) =>
    inboxJobRunner({ db: get().handle.db, config: get().config, inbox }, now, schedules);

  it("sends the section's week at its send time, takes a changed time without a restart, then sends only what is new", async () => {
    const db = get().handle.db;
    // Monday 30 November 2026, 07:00 London (GMT).
    const monday = new Date("2026-11-30T07:00:00Z").getTime();
    await buildArticle(db, {
      sectionId: politics,
      headline: "Chancellor sets out the winter budget",
      standfirst: "Fuel duty is frozen for another year.",
      publishedAt: new Date(monday - 2 * 24 * HOUR),
    });
    await buildArticle(db, {
      sectionId: politics,
      headline: "Council tax vote postponed",
      publishedAt: new Date(monday - 3 * 24 * HOUR),
    });
    await buildArticle(db, {
      sectionId: sport,
      headline: "Arsenal win the north London derby",
      publishedAt: new Date(monday - 24 * HOUR),
    });
    await buildArticle(db, {
      sectionId: politics,
      headline: "A story from three weeks ago",
      publishedAt: new Date(monday - 21 * 24 * HOUR),
    });

    let at = monday - 10 * MINUTE;
    const r = await runner(() => new Date(at), true);
    await r.run(); // the runner notes where the schedules stand
    // At 06:55 an admin moves the send to 07:30; the runner picks it up within a minute.
    at = monday - 5 * MINUTE;
    await db.updateTable("newsletters").set({ send_cron: "30 7 * * 1" }).where("id", "=", weeklyId).execute();
    for (; at <= monday + 2 * MINUTE; at += MINUTE) await r.run();
    expect(inbox.messages).toHaveLength(0);
    for (at = monday + 29 * MINUTE; at <= monday + 32 * MINUTE; at += MINUTE) await r.run();
    const [mail] = await inbox.waitFor(1);
    expect(inbox.messages.map(to)).toEqual(["wonk@example.org"]);
    expect(mail!.subject).toBe("Politics Weekly - Monday, November 30 2026");
    expect(mail!.text).toContain("Chancellor sets out the winter budget");
    expect(mail!.text).toContain("Fuel duty is frozen for another year.");
    expect(mail!.text).toContain("Council tax vote postponed");
    expect(mail!.text).not.toContain("Arsenal");
    expect(mail!.text).not.toContain("three weeks ago");
    expect(mail!.text).toContain("View in browser:\nhttp://localhost:3000/newsletters/politics-weekly/2026-11-30\n");
    expect(mail!.headerLines.find((h) => h.key === "list-id")?.line).toBe(
      'List-ID: "Politics Weekly" <politics-weekly.localhost>',
    );
    expect(mail!.html).toContain("Politics Weekly");
    const jobs = await listJobs(db, { name: "newsletter.digest" });
    expect(jobs.map((j) => j.key)).toEqual([`newsletter.digest:politics-weekly@2026-11-30T07:30:00.000Z`]);
    expect(jobs[0]!.progress?.message).toBe("Sent: 1 delivered, 0 failed.");

    // The next Monday: only what was published since the first edition went out.
    inbox.messages.length = 0;
    const next = monday + 7 * 24 * HOUR;
    await buildArticle(db, {
      sectionId: politics,
      headline: "Select committee questions the budget",
      publishedAt: new Date(next - 24 * HOUR),
    });
    for (at = next + 29 * MINUTE; at <= next + 31 * MINUTE; at += MINUTE) await r.run();
    // The week's other schedules caught up at once (clean-ups, prune, trash purge, compose, send,
    // video) queue before the digest, two claimed per poll: poll until they have all run.
    for (let i = 0; i < 4; i++) await r.run();
    await r.stop();
    const [second] = await inbox.waitFor(1);
    expect(second!.subject).toBe("Politics Weekly - Monday, December 7 2026");
    expect(second!.text).toContain("Select committee questions the budget");
    expect(second!.text).not.toContain("Chancellor sets out the winter budget");
    const sent = await db
      .selectFrom("deliveries")
      .select(["edition", "status"])
      .where("edition", "like", "politics-weekly/%")
      .orderBy("edition")
      .execute();
    expect(sent).toEqual([
      { edition: "politics-weekly/2026-11-30", status: "sent" },
      { edition: "politics-weekly/2026-12-07", status: "sent" },
    ]);

    // The edition is a public page: its "view in browser" link works.
    const { buildApp } = await import("../app.js");
    const app = await buildApp({ db, config: get().config });
    try {
      const page = await app.inject("/newsletters/politics-weekly/2026-11-30");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Politics Weekly - Monday, November 30 2026");
      expect(page.body).toContain("Chancellor sets out the winter budget");
      expect((await app.inject("/newsletters/politics-weekly/2026-11-23")).statusCode).toBe(404);
      expect((await app.inject("/newsletters/morning-headlines/2026-11-30")).statusCode).toBe(404);
      const sitemap = (await app.inject("/sitemaps/pages.xml")).body;
      expect(sitemap).toContain("/newsletters/politics-weekly/2026-11-30</loc>");
      expect(sitemap).toContain("/newsletters/politics-weekly/2026-12-07</loc>");
      expect(sitemap).not.toContain("/morning-headlines/2026-11-30</loc>");
    } finally {
      await app.close();
    }
  });

  it("makes no edition and no email when nothing new was published, and says so", async () => {
    const db = get().handle.db;
    await addNewsletter(db, {
      slug: "climate-daily",
      name: "Climate Daily",
      kind: "daily",
      cron: "0 8 * * *",
      tagId: climate,
    });
    await subscribeTo(db, "green@example.org", "climate-daily");
    const r = await runner(() => new Date("2026-12-15T08:00:30Z"));
    const { config } = get();
    const lines: string[] = [];
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const deps = { db, config, mailer, now: () => new Date("2026-12-15T08:00:30Z") };
    expect(await newsletterSend(deps, "climate-daily", { now: true }, (l) => lines.push(l))).toBe(0);
    await mailer.close();
    await r.stop();
    expect(lines.join("\n")).toContain("Nothing new was published for Climate Daily: no edition.");
    expect(await db.selectFrom("briefings").select("id").where("newsletter", "=", "climate-daily").execute()).toEqual(
      [],
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.messages).toHaveLength(0);
  });

  it("composes and sends a topic's digest from the command line, and a held edition is not sent", async () => {
    const db = get().handle.db;
    const { config } = get();
    const now = new Date("2026-12-16T09:00:00Z");
    await buildArticle(db, {
      sectionId: sport,
      headline: "Flood defences tested on the Thames",
      tagIds: [climate],
      publishedAt: new Date(now.getTime() - 2 * HOUR),
    });
    await buildArticle(db, {
      sectionId: sport,
      headline: "Untagged match report",
      publishedAt: new Date(now.getTime() - HOUR),
    });
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await newsletterCompose(db, config, "climate-daily", now, out)).toBe(0);
    expect(lines.pop()).toBe("Composed today's Climate Daily with 1 stories.");
    expect(await newsletterCompose(db, config, "climate-daily", now, out)).toBe(0);
    expect(lines.pop()).toBe("Today's Climate Daily edition already exists; it was left as it is.");
    expect(await newsletterCompose(db, config, "no-such-list", now, out)).toBe(1);
    expect(lines.pop()).toMatch(/^No newsletter "no-such-list" to compose. Choose one of: .*climate-daily/);
    expect(await newsletterCompose(db, config, "breaking-news", now, out)).toBe(1);

    // Held by an editor: the command runs the job, which sends nothing.
    await db.updateTable("briefings").set({ send_status: "held" }).where("newsletter", "=", "climate-daily").execute();
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const deps = { db, config, mailer, now: () => now };
    expect(await newsletterSend(deps, "climate-daily", { now: true }, out)).toBe(0);
    expect(lines.join("\n")).toContain("The edition is held: nothing sent.");
    await db
      .updateTable("briefings")
      .set({ send_status: "pending" })
      .where("newsletter", "=", "climate-daily")
      .execute();
    // Released: the same command sends it (a new job; the edition goes to each subscriber once).
    await db.deleteFrom("jobs").where("name", "=", "newsletter.digest").execute();
    expect(await newsletterSend(deps, "climate-daily", { now: true }, out)).toBe(0);
    await mailer.close();
    const [mail] = await inbox.waitFor(1);
    expect(to(mail!)).toBe("green@example.org");
    expect(mail!.subject).toBe("Climate Daily - Wednesday, December 16 2026");
    expect(mail!.text).toContain("Flood defences tested on the Thames");
    expect(mail!.text).not.toContain("Untagged match report");
    expect(lines.at(-1)).toBe("Today's climate-daily edition: 1 sent, 0 failed.");

    // Without --now it is queued for the newsletter's next send time.
    expect(await newsletterSend({ ...deps, mailer }, "climate-daily", { now: false }, out)).toBe(0);
    const queued = await listJobs(db, { name: "newsletter.digest", status: "queued" });
    expect(queued.map((j) => j.key)).toEqual(["newsletter.digest:climate-daily@2026-12-17T08:00:00.000Z"]);
    expect(queued[0]!.payload).toEqual({ newsletter: "climate-daily", editionDate: "2026-12-17" });
    const job = await getJob(db, queued[0]!.id);
    expect(job?.runAt.toISOString()).toBe("2026-12-17T08:00:00.000Z");
  });
});
