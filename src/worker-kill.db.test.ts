import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CountingSmtp, startCountingSmtp } from "../test/support/counting-smtp.js";
import { POSTGRES_URL } from "../test/support/databases.js";
import { buildArticle, buildAuthor, buildSection } from "../test/support/factories.js";
import { confirmedReaders } from "../test/support/newsletter-fixtures.js";
import { freshPostgresSchema } from "../test/support/server-run.js";
import { type WorkerProcess, startWorker, succeededJobs } from "../test/support/worker-process.js";
import type { Database } from "./database.js";
import { JOBS } from "./jobs.js";
import { connectDatabase } from "./platform/db/connect.js";
import { enqueue } from "./platform/jobs/job.queries.js";
import { migrateToLatest } from "./platform/migrations/migrate.js";

// Two `london-daily worker` processes on one PostgreSQL database, as docs/deploy.md runs them. The
// Morning Headlines go out on their schedule to 5,000 subscribers; the worker sending them is
// SIGKILLed half-way, with no chance to tidy up. The other notices it stopped beating, takes its job
// and the edition's lease over (docs/adr/032) and sends the rest: every subscriber gets exactly one
// copy. The schedule's occurrence and a scheduled publication each run once across the two.
//
// The kill lands while the mail server holds its answers to the next messages (counting-smtp.ts):
// between a server's 250 and the sender's record of it no protocol can tell a kill apart from a
// lost answer (RFC 1047; docs/adr/008 bounds those copies to one per connection), so the test kills
// where SMTP itself says what was delivered.

const SUBSCRIBERS = 5000;
const KILL_AFTER = 2000;

/** A zone where it is about midday now, so the edition's day cannot turn during the test. */
function middayZone(now = new Date()): string {
  const east = 12 - now.getUTCHours(); // hours east of UTC, from -11 to +12
  return east === 0 ? "Etc/GMT" : `Etc/GMT${east > 0 ? "-" : "+"}${Math.abs(east)}`;
}

describe("two workers, one killed in the middle of a newsletter send", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let dataDir: string;
  let db: ReturnType<typeof connectDatabase<Database>>;
  let mail: CountingSmtp;
  const workers: WorkerProcess[] = [];
  const timeZone = middayZone();

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-kill-"));
    mail = await startCountingSmtp();
    db = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: schema.schema });
    await migrateToLatest(db.db, "postgres");
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await db?.destroy();
    await schema?.drop();
    await mail?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends each of 5,000 subscribers one copy, runs each occurrence and the publication once", async () => {
    const now = new Date();
    const section = await buildSection(db.db, { slug: "london" });
    const author = await buildAuthor(db.db);
    await buildArticle(db.db, {
      sectionId: section.id,
      headline: "The river crossings reopen",
      publishedAt: new Date(now.getTime() - 3600_000),
      authorIds: [author.id],
    });
    const at = now.toISOString();
    const newsletter = await db.db
      .updateTable("newsletters")
      .set({ send_cron: "0 * * * *" })
      .where("slug", "=", "morning-headlines")
      .returning("id")
      .executeTakeFirstOrThrow();
    await confirmedReaders(db.db, newsletter.id, SUBSCRIBERS, at);
    // The send (hourly here) last ran two hours ago: both workers owe its latest occurrence, this hour's.
    const history = await enqueue(
      db.db,
      JOBS.send,
      {},
      { key: `${JOBS.send}@${new Date(now.getTime() - 2 * 3600_000).toISOString()}` },
    );
    await db.db.updateTable("jobs").set({ status: "succeeded" }).where("id", "=", history.id).execute();
    // A story scheduled for a few seconds from now, as the newsroom schedules one.
    const publishAt = new Date(now.getTime() + 8_000).toISOString();
    const scheduled = await buildArticle(db.db, {
      sectionId: section.id,
      headline: "Night buses return",
      publishedAt: now,
      status: "scheduled",
      authorIds: [author.id],
    });
    await db.db
      .updateTable("articles")
      .set({ scheduled_at: publishAt, published_at: null })
      .where("id", "=", scheduled.id)
      .execute();
    await enqueue(
      db.db,
      JOBS.publishArticle,
      { articleId: scheduled.id, at: publishAt },
      { runAt: new Date(publishAt), key: `${JOBS.publishArticle}:${scheduled.id}:${publishAt}` },
    );

    mail.holdAfter(KILL_AFTER);
    const env = {
      ...schema.env,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      SITE_URL: "https://daily.example",
      SMTP_URL: mail.url,
      SMTP_MAX_CONNECTIONS: "8",
      TZ_NEWSROOM: timeZone,
      LOG_LEVEL: "info",
    };
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));

    // Half-way: the server has taken KILL_AFTER messages and holds the next ones unanswered.
    await expect.poll(() => mail.accepted, { timeout: 60_000, interval: 50 }).toBe(KILL_AFTER);
    const sendJob = () =>
      db.db
        .selectFrom("jobs")
        .select(["id", "key", "status", "locked_by", "attempts", "last_error"])
        .where("name", "=", JOBS.send)
        .where("id", "!=", history.id)
        .orderBy("id")
        .execute();
    // Every sender waits for its mark before its next message: the accepted ones are all recorded.
    const sent = () =>
      db.db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", "sent")
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    await expect.poll(sent, { timeout: 10_000 }).toBe(KILL_AFTER);
    const holding = (await sendJob()).find((j) => j.status === "running");
    const holder = workers.find((w) => holding?.locked_by?.includes(`:${w.child.pid}:`));
    expect(holder, `send job held by ${holding?.locked_by}`).toBeDefined();
    const survivor = workers.find((w) => w !== holder)!;
    holder!.child.kill("SIGKILL");
    expect((await holder!.exited).signal).toBe("SIGKILL");
    // What it held was never answered: not delivered. The server answers the survivor as usual.
    mail.release();

    const progress = async () => ({
      sent: await sent(),
      jobs: (await sendJob()).map((j) => `${j.id} ${j.status} attempt ${j.attempts} ${j.locked_by ?? ""}`),
    });
    const done = async () => {
      const now = await progress();
      return now.sent === SUBSCRIBERS && now.jobs.every((j) => j.includes(" succeeded "));
    };
    await expect
      .poll(done, { timeout: 90_000, interval: 200 })
      .toBe(true)
      .catch(async (err: unknown) => {
        throw new Error(`${String(err)}: ${JSON.stringify(await progress())}\n${survivor.output().slice(-3000)}`);
      });
    expect(mail.received.size).toBe(SUBSCRIBERS);
    // Nobody is missed. A message the mail server accepted in the instant before the kill, and that
    // the killed worker could not record, goes again (RFC 1047's gap, docs/adr/008): at most once
    // more per address, and only for the sends in flight on its SMTP connections at that instant.
    const repeats = [...mail.received.entries()].filter(([, n]) => n !== 1);
    expect(
      repeats.every(([, n]) => n === 2),
      JSON.stringify(repeats),
    ).toBe(true);
    expect(repeats.length).toBeLessThanOrEqual(20);
    expect(survivor.output()).toContain('"job started"');

    // One job per schedule occurrence; the killed one was taken over (a second attempt) and
    // succeeded once, on the survivor.
    const jobs = await sendJob();
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
    const killed = jobs.find((j) => j.id === holding!.id)!;
    expect(killed.attempts, `${killed.last_error}\n${survivor.output().slice(-3000)}`).toBe(2);
    // The row is marked before the worker logs it: wait for the line to come through the pipe.
    await expect.poll(() => succeededJobs(survivor.output()), { timeout: 5_000 }).toContain(holding!.id);
    const succeeded = workers.flatMap((w) => succeededJobs(w.output()));
    for (const job of jobs) expect(succeeded.filter((id) => id === job.id)).toHaveLength(1);

    // The scheduled story went live once, whichever worker ran it.
    const story = await db.db
      .selectFrom("articles")
      .select(["status", "published_at"])
      .where("id", "=", scheduled.id)
      .executeTakeFirstOrThrow();
    expect(story.status).toBe("published");
    const publication = await db.db
      .selectFrom("jobs")
      .select(["id", "status", "attempts"])
      .where("name", "=", JOBS.publishArticle)
      .execute();
    expect(publication).toHaveLength(1);
    expect(publication[0]!.status).toBe("succeeded");
    expect(succeeded.filter((id) => id === publication[0]!.id)).toHaveLength(1);
  }, 180_000);
});
