import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { jobSchedules } from "../jobs.js";
import { loadNewsletterSchedules } from "./newsletter-schedules.js";
import { enqueue, getJob, listJobs } from "../platform/jobs/job.queries.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection, buildVideo } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";

// The breaking-news alert and the Video newsletter through the job runner, to a real SMTP server:
// the alert reaches the confirmed Breaking news subscribers exactly once however often its job
// runs; the Video newsletter goes at Friday 12:00 London time in summer and in winter, and an
// empty week sends nothing.

const MINUTE = 60_000;
const to = (m: { to?: unknown }) => (m.to as { value: { address: string }[] } | undefined)?.value[0]?.address ?? "";

describeEachDatabase("breaking-news alerts and the Video newsletter", (get) => {
  let inbox: MailInbox;
  let sectionId: number;
  beforeAll(async () => {
    const db = get().handle.db;
    inbox = await startMailInbox();
    sectionId = (await buildSection(db, { slug: "uk", name: "UK" })).id;
    await subscribeTo(db, "alert1@example.org", "breaking-news");
    await subscribeTo(db, "alert2@example.org", "breaking-news");
    await subscribeTo(db, "unconfirmed@example.org", "breaking-news", "pending");
    await subscribeTo(db, "morning-only@example.org", "morning-headlines");
    await subscribeTo(db, "viewer@example.org", "video");
  });
  afterAll(() => inbox?.close());
  beforeEach(() => {
    inbox.messages.length = 0;
  });

  const runner = (now: () => Date, schedules = false) =>
    inboxJobRunner({ db: get().handle.db, config: get().config, inbox }, now, schedules);

  it("sends a breaking alert to the confirmed Breaking news subscribers once, even when its job runs twice", async () => {
    const db = get().handle.db;
    const story = await buildArticle(db, {
      sectionId,
      slug: "bridge-closed",
      headline: "Tower Bridge closed after lorry strikes barrier",
      standfirst: "Traffic is diverted across central London.",
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Police closed the bridge at noon. ".repeat(20) }] },
        ],
      },
      publishedAt: new Date(),
    });
    await db.updateTable("articles").set({ breaking: 1 }).where("id", "=", story.id).execute();
    const r = await runner(() => new Date());
    const first = await enqueue(
      db,
      "newsletter.breaking",
      { articleId: story.id },
      { key: `newsletter.breaking:${story.id}` },
    );
    await r.run();
    // At-least-once execution: the same alert's job runs again (a retry, another runner).
    const second = await enqueue(db, "newsletter.breaking", { articleId: story.id }, { key: `again:${story.id}` });
    await r.run();
    await r.stop();

    expect((await getJob(db, first.id))?.status).toBe("succeeded");
    expect((await getJob(db, second.id))?.status).toBe("succeeded");
    await inbox.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.messages.map(to).sort()).toEqual(["alert1@example.org", "alert2@example.org"]);
    const mail = inbox.messages[0]!;
    expect(mail.subject).toBe("Breaking: Tower Bridge closed after lorry strikes barrier");
    expect(mail.text).toContain("Traffic is diverted across central London.");
    expect(mail.text).toContain("Police closed the bridge at noon.");
    expect(mail.text).toContain("…");
    expect(mail.text).toContain("http://localhost:3000/uk/bridge-closed");
    expect(mail.html).toMatch(/href="http:\/\/localhost:3000\/uk\/bridge-closed[?"]/);
    const listId = mail.headerLines.find((h) => h.key === "list-id")?.line ?? "";
    expect(listId).toBe('List-ID: "Breaking news" <breaking-news.localhost>');
    expect(mail.messageId).toMatch(new RegExp(`^<breaking-news\\.article-${story.id}\\.\\d+@localhost>$`));
    const alerts = await db
      .selectFrom("briefings")
      .select(["send_status", "status"])
      .where("newsletter", "=", "breaking-news")
      .where("article_id", "=", story.id)
      .execute();
    expect(alerts).toEqual([{ send_status: "sent", status: "draft" }]);
  });

  it("sends nothing while Breaking news is paused, and says so on the job", async () => {
    const db = get().handle.db;
    const story = await buildArticle(db, { sectionId, headline: "A quiet alert", publishedAt: new Date() });
    await db.updateTable("newsletters").set({ status: "paused" }).where("slug", "=", "breaking-news").execute();
    const r = await runner(() => new Date());
    const job = await enqueue(db, "newsletter.breaking", { articleId: story.id });
    await r.run();
    await r.stop();
    await db.updateTable("newsletters").set({ status: "active" }).where("slug", "=", "breaking-news").execute();
    const done = await getJob(db, job.id);
    expect(done?.status).toBe("succeeded");
    expect(done?.progress?.message).toMatch(/paused/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.messages).toHaveLength(0);
  });

  it.each([
    ["summer (BST)", "2026-07-03", "2026-07-03T10:40:00Z", "2026-07-03T11:00:00Z"],
    ["winter (GMT)", "2026-11-06", "2026-11-06T11:40:00Z", "2026-11-06T12:00:00Z"],
  ])("sends the week's videos at Friday 12:00 London time in %s", async (_season, date, start, noon) => {
    const db = get().handle.db;
    const at0 = new Date(noon).getTime();
    await buildVideo(db, { title: `This week's river film ${date}`, publishedAt: new Date(at0 - 2 * 24 * 3600_000) });
    await buildVideo(db, { title: `Last month's film ${date}`, publishedAt: new Date(at0 - 9 * 24 * 3600_000) });
    let at = new Date(start).getTime();
    const r = await runner(() => new Date(at), true);
    await r.run(); // the runner notes where the schedules stand
    for (; at < at0; at += MINUTE) await r.run();
    expect(inbox.messages).toHaveLength(0);
    for (let i = 0; i < 3; i++, at += MINUTE) await r.run();
    await r.stop();
    const [mail] = await inbox.waitFor(1);
    expect(inbox.messages.map(to)).toEqual(["viewer@example.org"]);
    expect(mail!.subject).toMatch(/^London Daily's Video newsletter - \d+ \w+ 2026$/);
    expect(mail!.text).toContain(`This week's river film ${date}`);
    expect(mail!.text).not.toContain("Last month's film");
    // "View in browser" opens the sent edition's page.
    expect(mail!.text).toContain(`View in browser:\n${get().config.siteUrl}/newsletters/video/${date}\n`);
    const app = await buildApp({ db, config: get().config, logger: false });
    try {
      const page = await app.inject(`/newsletters/video/${date}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`This week's river film ${date}`);
      expect(page.body).not.toContain("Last month");
    } finally {
      await app.close();
    }
    const jobs = await listJobs(db, { name: "newsletter.video" });
    expect(jobs[0]!.key).toBe(`newsletter.video@${new Date(noon).toISOString()}`);
    expect(jobs[0]!.payload).toEqual({ editionDate: date });
  });

  it("sends no Video newsletter in a week without video, and notes why", async () => {
    const db = get().handle.db;
    // One clock for the runner and the job's run time: a job stamped with the real time would not
    // be due at the injected one.
    const at = new Date("2026-12-04T12:00:30Z");
    const r = await runner(() => at);
    const job = await enqueue(db, "newsletter.video", { editionDate: "2026-12-04" }, { now: at });
    await r.run();
    await r.stop();
    const done = await getJob(db, job.id);
    expect(done?.status).toBe("succeeded");
    expect(done?.progress?.message).toBe("No video was published this week: no Video newsletter.");
    expect(
      await db
        .selectFrom("briefings")
        .select("id")
        .where("newsletter", "=", "video")
        .where("edition_date", "=", "2026-12-04")
        .execute(),
    ).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.messages).toHaveLength(0);
  });

  it("schedules the sends at the times an admin set in the newsroom", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const cronOf = async (name: string) =>
      jobSchedules(config, await loadNewsletterSchedules(db)).find((sc) => sc.name === name)?.cron;
    expect(await cronOf("newsletter.video")).toBe("0 12 * * 5");
    await db.updateTable("newsletters").set({ send_cron: "30 9 * * 5" }).where("slug", "=", "video").execute();
    await db.updateTable("newsletters").set({ send_cron: null }).where("slug", "=", "morning-headlines").execute();
    expect(await cronOf("newsletter.video")).toBe("30 9 * * 5");
    expect(await cronOf("newsletter.send")).toBeUndefined();
    await db.updateTable("newsletters").set({ send_cron: "0 12 * * 5" }).where("slug", "=", "video").execute();
    await db
      .updateTable("newsletters")
      .set({ send_cron: "0 6 * * *" })
      .where("slug", "=", "morning-headlines")
      .execute();
  });
});
