import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Database } from "../../database.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { openSecondConnection } from "../../../test/support/second-connection.js";
import type { DatabaseHandle } from "../db/connect.js";
import { type JobContext, JobLeaseLostError, PermanentJobError, defineJob } from "./job-handler.js";
import { cancelJob, enqueue, getJob, listJobs } from "./job.queries.js";
import { JobRunner, type JobRunnerOptions } from "./job-runner.js";

const idPayload = z.object({ id: z.number().int() });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function testClock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (ms: number) => (at += ms),
  };
}

describeEachDatabase("JobRunner", (get) => {
  const db = () => get().handle.db;
  let second: DatabaseHandle<Database>;
  beforeAll(async () => {
    second = await openSecondConnection(get());
  });
  afterAll(async () => {
    await second?.destroy();
  });
  beforeEach(async () => {
    await db().deleteFrom("jobs").execute();
  });

  const runner = (options: Partial<JobRunnerOptions<Database>> & Pick<JobRunnerOptions<Database>, "handlers">) =>
    new JobRunner({ db: db(), pollMs: 5, leaseMs: 1000, concurrency: 1, ...options });

  it("two runners on separate connections run each of 200 jobs exactly once", async () => {
    const runs = new Map<number, number>();
    const by = new Map<string, number>();
    const handler = (who: string) =>
      defineJob({
        schema: idPayload,
        run: async ({ id }) => {
          runs.set(id, (runs.get(id) ?? 0) + 1);
          by.set(who, (by.get(who) ?? 0) + 1);
          await sleep(Math.random() * 3);
        },
      });
    await db()
      .insertInto("jobs")
      .values(
        Array.from({ length: 200 }, (_, id) => ({
          name: "count",
          payload: JSON.stringify({ id }),
          status: "queued" as const,
          run_at: "2026-01-01T00:00:00.000Z",
          max_attempts: 1,
          created_at: "2026-01-01T00:00:00.000Z",
          updated_at: "2026-01-01T00:00:00.000Z",
          locked_by: null,
          locked_until: null,
          last_error: null,
          progress: null,
          key: null,
          finished_at: null,
        })),
      )
      .execute();
    const a = runner({ handlers: { count: handler("a") }, concurrency: 4, runnerId: "a" });
    const b = runner({ db: second.db, handlers: { count: handler("b") }, concurrency: 4, runnerId: "b" });
    a.start();
    b.start();
    await vi.waitFor(async () => expect(await listJobs(db(), { status: "succeeded", limit: 500 })).toHaveLength(200), {
      timeout: 20_000,
      interval: 20,
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(200);
    expect([...runs].filter(([, n]) => n !== 1)).toEqual([]); // [job id, times run] of any run twice
    expect(by.get("a")).toBeGreaterThan(0);
    expect(by.get("b")).toBeGreaterThan(0);
    const rows = await db().selectFrom("jobs").select(["attempts", "locked_by"]).execute();
    expect(rows.every((r) => r.attempts === 1 && r.locked_by === null)).toBe(true);
  });

  it("runs a job again on another runner when the first one's lease expires without completion", async () => {
    const clock = testClock("2026-11-29T10:00:00Z");
    const stuck = gate();
    let lostLease: unknown;
    const a = runner({
      now: clock.now,
      runnerId: "a",
      handlers: {
        work: defineJob({
          schema: idPayload,
          run: async (_, ctx) => {
            await stuck.opened; // the process "hangs" (or died) past its lease
            await ctx.heartbeat().catch((err: unknown) => {
              lostLease = err;
              throw err;
            });
          },
        }),
      },
    });
    const ranOnB: number[] = [];
    const b = runner({
      db: second.db,
      now: clock.now,
      runnerId: "b",
      handlers: { work: defineJob({ schema: idPayload, run: async ({ id }) => void ranOnB.push(id) }) },
    });
    const job = await enqueue(db(), "work", { id: 1 }, { now: clock.now() });
    await a.tick();
    expect(await getJob(db(), job.id)).toMatchObject({ status: "running", lockedBy: "a", attempts: 1 });

    clock.advance(999);
    await b.tick();
    expect(ranOnB).toEqual([]); // the lease still holds

    clock.advance(1);
    await b.tick();
    await b.idle();
    expect(ranOnB).toEqual([1]);
    expect(await getJob(db(), job.id)).toMatchObject({ status: "succeeded", attempts: 2, lockedBy: null });

    stuck.open();
    await a.idle();
    expect(lostLease).toBeInstanceOf(JobLeaseLostError);
    expect(await getJob(db(), job.id)).toMatchObject({ status: "succeeded", attempts: 2 }); // a changed nothing
  });

  it("keeps the job while the handler heartbeats, and fails it when the lease expires on the last attempt", async () => {
    const clock = testClock("2026-11-29T10:00:00Z");
    const beat = gate();
    const finish = gate();
    const work = defineJob({
      schema: idPayload,
      run: async (_, ctx) => {
        await beat.opened;
        await ctx.heartbeat();
        await finish.opened;
      },
    });
    const a = runner({ now: clock.now, runnerId: "a", handlers: { work } });
    const b = runner({ db: second.db, now: clock.now, runnerId: "b", handlers: { work } });
    const job = await enqueue(db(), "work", { id: 1 }, { now: clock.now(), maxAttempts: 1 });
    await a.tick();
    clock.advance(800);
    beat.open();
    await vi.waitFor(async () =>
      expect((await getJob(db(), job.id))?.lockedUntil?.toISOString()).toBe("2026-11-29T10:00:01.800Z"),
    );
    clock.advance(900); // past the first lease, within the extended one
    await b.tick();
    expect(await getJob(db(), job.id)).toMatchObject({ status: "running", lockedBy: "a" });

    clock.advance(200); // the extended lease expires; no attempt is left
    await b.tick();
    expect(b.activeCount).toBe(0);
    const failed = await getJob(db(), job.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.lastError).toMatch(/lease expired/);
    finish.open();
    await a.idle();
    expect(await getJob(db(), job.id)).toMatchObject({ status: "failed" });
  });

  it("retries with exponential back-off, then fails with the last error", async () => {
    const clock = testClock("2026-11-29T10:00:00Z");
    let calls = 0;
    const flaky = runner({
      now: clock.now,
      handlers: {
        flaky: defineJob({
          schema: idPayload,
          run: async ({ id }) => {
            calls += 1;
            if (id === 1 && calls < 3) throw new Error(`smtp refused (${calls})`);
            if (id === 2) throw new Error("always down");
          },
        }),
      },
    });
    const tickAndSettle = async () => {
      await flaky.tick();
      await flaky.idle();
    };
    const job = await enqueue(db(), "flaky", { id: 1 }, { now: clock.now(), maxAttempts: 3 });
    await tickAndSettle();
    expect(await getJob(db(), job.id)).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "Error: smtp refused (1)",
      runAt: new Date("2026-11-29T10:00:10Z"),
    });
    clock.advance(9_999);
    await tickAndSettle();
    expect(calls).toBe(1);
    clock.advance(1);
    await tickAndSettle();
    expect(await getJob(db(), job.id)).toMatchObject({
      status: "queued",
      attempts: 2,
      runAt: new Date("2026-11-29T10:00:30Z"),
    });
    clock.advance(20_000);
    await tickAndSettle();
    expect(await getJob(db(), job.id)).toMatchObject({ status: "succeeded", attempts: 3 });

    calls = 0;
    const doomed = await enqueue(db(), "flaky", { id: 2 }, { now: clock.now(), maxAttempts: 2 });
    await tickAndSettle();
    clock.advance(10_000);
    await tickAndSettle();
    const failedAt = clock.now();
    clock.advance(3_600_000);
    await tickAndSettle();
    expect(calls).toBe(2);
    const failed = await getJob(db(), doomed.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2, lastError: "Error: always down" });
    expect(failed?.finishedAt).toEqual(failedAt);
  });

  it("fails a bad payload, or a PermanentJobError, at once without retry", async () => {
    const seen: unknown[] = [];
    const r = runner({
      concurrency: 2,
      handlers: {
        strict: defineJob({
          schema: idPayload,
          run: async ({ id }) => {
            seen.push(id);
            throw new PermanentJobError("article 5 no longer exists");
          },
        }),
      },
    });
    const bad = await enqueue(db(), "strict", { id: "five" });
    const gone = await enqueue(db(), "strict", { id: 5 });
    await r.tick();
    await r.idle();
    expect(seen).toEqual([5]);
    const badJob = await getJob(db(), bad.id);
    expect(badJob).toMatchObject({ status: "failed", attempts: 1 });
    expect(badJob?.lastError).toMatch(/Invalid payload for strict:[\s\S]*id/);
    expect(await getJob(db(), gone.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "PermanentJobError: article 5 no longer exists",
    });
  });

  it("records progress (which also extends the lease) and leaves jobs it has no handler for", async () => {
    const clock = testClock("2026-11-29T10:00:00Z");
    const half = gate();
    const more = gate();
    const r = runner({
      now: clock.now,
      handlers: {
        rebuild: defineJob({
          schema: z.object({}),
          run: async (_, ctx: JobContext) => {
            await ctx.progress(1, 4, "indexing");
            await ctx.progress(2, 4, "throttled: written at most once a second");
            half.open();
            await more.opened;
            await ctx.progress(4, 4, "done");
          },
        }),
      },
    });
    const other = await enqueue(db(), "video.process", {}, { now: clock.now() });
    const job = await enqueue(db(), "rebuild", {}, { now: clock.now() });
    await r.tick();
    await half.opened;
    expect(await getJob(db(), job.id)).toMatchObject({
      status: "running",
      progress: { done: 1, total: 4, message: "indexing" },
    });
    clock.advance(500);
    more.open();
    await r.idle();
    const done = await getJob(db(), job.id);
    expect(done).toMatchObject({ status: "succeeded", progress: { done: 4, total: 4, message: "done" } });
    expect(await getJob(db(), other.id)).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("runs a group's jobs in slots of their own, beside the others and up to the group's concurrency", async () => {
    const release = gate();
    const started: string[] = [];
    const waiting = (name: string) =>
      defineJob({
        schema: idPayload,
        run: async ({ id }) => {
          started.push(`${name} ${id}`);
          await release.opened;
        },
      });
    const r = runner({
      concurrency: 1,
      groups: [{ names: ["hook"], concurrency: 3 }],
      handlers: { slow: waiting("slow"), hook: waiting("hook") },
    });
    for (const id of [1, 2]) await enqueue(db(), "slow", { id });
    for (const id of [1, 2, 3, 4, 5]) await enqueue(db(), "hook", { id });
    await r.tick();
    // One general slot, three for the hooks: a burst of hooks neither waits behind the slow job nor takes its slot.
    expect(started.sort()).toEqual(["hook 1", "hook 2", "hook 3", "slow 1"]);
    await r.tick();
    expect(r.activeCount).toBe(4);
    release.open();
    await r.idle();
    await r.tick();
    await r.idle();
    await r.tick();
    await r.idle();
    expect(started.sort()).toEqual(["hook 1", "hook 2", "hook 3", "hook 4", "hook 5", "slow 1", "slow 2"]);
  });

  it("stop() waits for running handlers and claims nothing more", async () => {
    const release = gate();
    const finished: number[] = [];
    const r = runner({
      handlers: {
        slow: defineJob({
          schema: idPayload,
          run: async ({ id }) => {
            if (id === 1) await release.opened;
            finished.push(id);
          },
        }),
      },
    });
    const first = await enqueue(db(), "slow", { id: 1 });
    r.start();
    await vi.waitFor(() => expect(r.activeCount).toBe(1));
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    const later = await enqueue(db(), "slow", { id: 2 });
    await sleep(50);
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(finished).toEqual([1]);
    expect(await getJob(db(), first.id)).toMatchObject({ status: "succeeded" });
    expect(await getJob(db(), later.id)).toMatchObject({ status: "queued" });
  });

  it("a cancelled running job stops at its next heartbeat and stays cancelled", async () => {
    const go = gate();
    let error: unknown;
    const r = runner({
      handlers: {
        send: defineJob({
          schema: idPayload,
          run: async (_, ctx) => {
            await go.opened;
            await ctx.heartbeat().catch((err: unknown) => {
              error = err;
              throw err;
            });
          },
        }),
      },
    });
    const job = await enqueue(db(), "send", { id: 1 });
    await r.tick();
    await cancelJob(db(), job.id);
    go.open();
    await r.idle();
    expect(error).toBeInstanceOf(JobLeaseLostError);
    expect(await getJob(db(), job.id)).toMatchObject({ status: "cancelled", lockedBy: null });
  });
});
