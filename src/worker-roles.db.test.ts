import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../test/support/databases.js";
import { buildArticle, buildSection } from "../test/support/factories.js";
import { confirmedReaders } from "../test/support/newsletter-fixtures.js";
import { freshPostgresSchema } from "../test/support/server-run.js";
import {
  type WorkerProcess as Worker,
  startWorker,
  succeededJobs as succeeded,
} from "../test/support/worker-process.js";
import type { Database } from "./database.js";
import { JOBS } from "./jobs.js";
import { connectDatabase } from "./platform/db/connect.js";
import { enqueue } from "./platform/jobs/job.queries.js";
import { zonedIsoDate } from "./platform/time.js";

// `london-daily worker` processes on one PostgreSQL database: every job is run by one of them once,
// every schedule occurrence once, and a worker stopped with SIGTERM in the middle of a newsletter
// send ends after the messages in flight and hands the rest to the other, so every subscriber gets
// the edition exactly once.

/** A mail server that takes `delayMs` per message and counts what each address received. */
async function slowMailServer(delayMs: number) {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () =>
        setTimeout(() => {
          for (const to of session.envelope.rcptTo) received.set(to.address, (received.get(to.address) ?? 0) + 1);
          callback(null, "OK");
        }, delayMs),
      );
    },
  });
  // A worker stopped or killed resets its connections: that is the test, not a failure of it.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = address && typeof address !== "string" ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("worker processes on one PostgreSQL database", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let dataDir: string;
  let db: ReturnType<typeof connectDatabase<Database>>;
  let mail: Awaited<ReturnType<typeof slowMailServer>>;
  let env: Record<string, string>;
  const workers: Worker[] = [];

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-workers-"));
    mail = await slowMailServer(4);
    env = {
      ...schema.env,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      SITE_URL: "https://daily.example",
      SMTP_URL: mail.url,
      SMTP_MAX_CONNECTIONS: "4",
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT: "20",
    };
    // Three start at once on an empty schema: one migrates under the lock, the others wait.
    workers.push(...(await Promise.all([startWorker(env), startWorker(env), startWorker(env)])));
    db = connectDatabase<Database>({ databaseUrl: POSTGRES_URL, pgSchema: schema.schema });
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await db?.destroy();
    await schema?.drop();
    await mail?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrated once; two more workers starting at once enqueue a schedule's missed occurrence once, run once", async () => {
    expect(workers.filter((w) => w.output().includes('"database migrated"'))).toHaveLength(1);
    // The uploads clean-up last ran three days ago: a worker starting now owes its latest occurrence.
    const history = await enqueue(
      db.db,
      JOBS.cleanUploads,
      {},
      { key: `${JOBS.cleanUploads}@${new Date(Date.now() - 3 * 86_400_000).toISOString()}` },
    );
    await db.db.updateTable("jobs").set({ status: "succeeded" }).where("id", "=", history.id).execute();
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));
    const owed = () =>
      db.db
        .selectFrom("jobs")
        .select(["id", "key", "status", "attempts"])
        .where("key", "like", `${JOBS.cleanUploads}@%`)
        .where("id", "!=", history.id)
        .execute();
    await expect.poll(async () => (await owed()).map((j) => j.status), { timeout: 30_000 }).toEqual(["succeeded"]);
    const [job] = await owed();
    expect(job!.attempts).toBe(1);
    // The row is marked before the worker logs it: wait for the line to come through the pipe.
    await expect
      .poll(() => workers.flatMap((w) => succeeded(w.output())).filter((id) => id === job!.id), { timeout: 5_000 })
      .toHaveLength(1);
  });

  it("runs each of 90 jobs exactly once across the five", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 90; i++) ids.push((await enqueue(db.db, JOBS.cleanUploads, {})).id);
    await expect
      .poll(
        async () =>
          (
            await db.db
              .selectFrom("jobs")
              .select("id")
              .where("id", "in", ids)
              .where("status", "=", "succeeded")
              .execute()
          ).length,
        {
          timeout: 60_000,
        },
      )
      .toBe(90);
    const perWorker = () => workers.map((w) => succeeded(w.output()).filter((id) => ids.includes(id)));
    // Each row is marked before its worker logs it: wait for the last lines to come through the pipes.
    await expect
      .poll(
        () =>
          perWorker()
            .flat()
            .sort((a, b) => a - b),
        { timeout: 5_000 },
      )
      .toEqual([...ids].sort((a, b) => a - b));
    // Which workers ran them is up to the race for each claim: on a quiet machine one worker can
    // drain all 90 before the others' next tick, so only "exactly once" is asserted.
  });

  it("stops a worker mid-send on SIGTERM after the messages in flight; another finishes; each subscriber gets one copy", async () => {
    const section = await buildSection(db.db, { slug: "london" });
    await buildArticle(db.db, {
      sectionId: section.id,
      headline: "The river crossings reopen",
      publishedAt: new Date(Date.now() - 3600_000),
    });
    const newsletter = await db.db
      .selectFrom("newsletters")
      .select("id")
      .where("slug", "=", "morning-headlines")
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const count = 1500;
    await confirmedReaders(db.db, newsletter.id, count, at);
    const job = await enqueue(db.db, JOBS.send, {
      newsletter: "morning-headlines",
      editionDate: zonedIsoDate(new Date(), "Europe/London"),
    });
    // Wait until a worker holds it and has sent part of it.
    await expect.poll(() => [...mail.received.values()].length, { timeout: 60_000, interval: 20 }).toBeGreaterThan(200);
    const row = await db.db
      .selectFrom("jobs")
      .select(["locked_by", "status"])
      .where("id", "=", job.id)
      .executeTakeFirstOrThrow();
    const holder = workers.find((w) => row.locked_by?.includes(`:${w.child.pid}:`));
    expect(holder, `held by ${row.locked_by}`).toBeDefined();
    const stoppedAt = Date.now();
    holder!.child.kill("SIGTERM");
    expect(await holder!.exited).toEqual({ code: 0, signal: null });
    // Exit 0 means it ended before its grace (SHUTDOWN_TIMEOUT + 5 s) ran out; on a loaded machine the
    // process's own start-up and shutdown take seconds, so the bound is the setting, not a guess.
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(holder!.output()).toContain("job stopped after a step for the shutdown; queued again");
    const sentByThen = [...mail.received.values()].length;
    expect(sentByThen).toBeLessThan(count);
    await expect
      .poll(
        async () =>
          (await db.db.selectFrom("jobs").select("status").where("id", "=", job.id).executeTakeFirstOrThrow()).status,
        {
          timeout: 60_000,
        },
      )
      .toBe("succeeded");
    expect(mail.received.size).toBe(count);
    expect([...mail.received.values()].every((n) => n === 1)).toBe(true);
    const final = await db.db.selectFrom("jobs").select("attempts").where("id", "=", job.id).executeTakeFirstOrThrow();
    expect(final.attempts).toBe(1);
  }, 90_000);
});
