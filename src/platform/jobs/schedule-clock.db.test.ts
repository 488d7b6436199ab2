import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Database } from "../../database.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { openSecondConnection } from "../../../test/support/second-connection.js";
import type { DatabaseHandle } from "../db/connect.js";
import { defineJob } from "./job-handler.js";
import { listJobs } from "./job.queries.js";
import { JobRunner } from "./job-runner.js";
import type { Schedule } from "./schedule.js";

const HOUR = 3_600_000;

describeEachDatabase("recurring schedules", (get) => {
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

  let at = 0;
  const now = () => new Date(at);
  const sent: string[] = [];
  const morningSend: Schedule = {
    name: "morning.send",
    cron: "0 6 * * *",
    timeZone: "Europe/London",
    payload: (fireTime) => ({ edition: fireTime.toISOString() }),
  };
  const handlers = {
    "morning.send": defineJob({
      schema: z.object({ edition: z.string() }),
      run: async ({ edition }) => void sent.push(edition),
    }),
  };
  const runnerOn = (handle: DatabaseHandle<Database>, pollMs = 5) =>
    new JobRunner({ db: handle.db, handlers, schedules: [morningSend], now, pollMs, concurrency: 2 });

  /** Both runners poll every simulated `stepMs` from `from` to `to`; returns the keys enqueued. */
  async function runTwoRunners(from: string, to: string, stepMs: number): Promise<string[]> {
    sent.length = 0;
    const a = runnerOn(get().handle);
    const b = runnerOn(second);
    for (at = new Date(from).getTime(); at <= new Date(to).getTime(); at += stepMs) {
      await Promise.all([a.tick(), b.tick()]);
      // Handlers finish within a step; otherwise the simulated clock would outrun their leases
      // and the other runner would rightly take the job again.
      await Promise.all([a.idle(), b.idle()]);
    }
    await Promise.all([a.stop(), b.stop()]);
    const jobs = await listJobs(db(), { name: "morning.send" });
    expect(jobs.every((j) => j.status === "succeeded" && j.attempts === 1)).toBe(true);
    return jobs.map((j) => j.key!).reverse();
  }

  it("enqueues each 06:00 London occurrence once across BST→GMT (05:00Z then 06:00Z), with two runners", async () => {
    const keys = await runTwoRunners("2026-10-23T12:00:00Z", "2026-10-27T12:00:00Z", HOUR / 4);
    // Nothing before the first start (no history): the 23rd's 05:00Z occurrence is not sent.
    expect(keys).toEqual([
      "morning.send@2026-10-24T05:00:00.000Z",
      "morning.send@2026-10-25T06:00:00.000Z",
      "morning.send@2026-10-26T06:00:00.000Z",
      "morning.send@2026-10-27T06:00:00.000Z",
    ]);
    expect(sent.sort()).toEqual(keys.map((k) => k.split("@")[1]));
  });

  it("enqueues each 06:00 London occurrence once across GMT→BST (06:00Z then 05:00Z), with two runners", async () => {
    const keys = await runTwoRunners("2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z", HOUR / 4);
    expect(keys).toEqual([
      "morning.send@2026-03-28T06:00:00.000Z",
      "morning.send@2026-03-29T05:00:00.000Z",
      "morning.send@2026-03-30T05:00:00.000Z",
    ]);
  });

  it("at start-up, enqueues the last occurrence missed while stopped (only the last), and only once", async () => {
    const before = runnerOn(get().handle);
    at = new Date("2026-10-23T04:59:00Z").getTime();
    await before.tick();
    at = new Date("2026-10-23T05:00:30Z").getTime();
    await before.tick();
    await before.stop();
    expect((await listJobs(db(), { name: "morning.send" })).map((j) => j.key)).toEqual([
      "morning.send@2026-10-23T05:00:00.000Z",
    ]);

    // Down for three days; two instances come back at once.
    at = new Date("2026-10-26T09:00:00Z").getTime();
    const a = runnerOn(get().handle);
    const b = runnerOn(second);
    a.start();
    b.start();
    await vi.waitFor(async () =>
      expect((await listJobs(db(), { name: "morning.send", status: "succeeded" })).map((j) => j.key)).toEqual([
        "morning.send@2026-10-26T06:00:00.000Z",
        "morning.send@2026-10-23T05:00:00.000Z",
      ]),
    );
    await Promise.all([a.stop(), b.stop()]);
    expect(await listJobs(db(), { name: "morning.send" })).toHaveLength(2);
  });

  it("takes a changed send time from a schedules function without a restart, and never fires a time twice", async () => {
    let pattern = "0 6 * * *";
    const asked: string[] = [];
    const runner = new JobRunner({
      db: db(),
      handlers,
      schedules: async () => {
        asked.push(pattern);
        return [{ ...morningSend, cron: pattern }];
      },
      scheduleRefreshMs: 60_000,
      now,
      pollMs: 5,
    });
    const step = async (iso: string) => {
      at = new Date(iso).getTime();
      await runner.tick();
      await runner.idle();
    };
    await step("2026-11-30T05:50:00Z");
    await step("2026-11-30T06:00:10Z"); // 06:00 GMT: sent at the old time
    // An editor moves it to 06:30 at 06:10; the next refresh (at most a minute later) picks it up.
    pattern = "30 6 * * *";
    await step("2026-11-30T06:10:30Z");
    await step("2026-11-30T06:30:05Z");
    // Changed to 06:31 between two refreshes, 06:31 falling before the refresh that sees it: still sent.
    await step("2026-11-30T06:30:40Z");
    pattern = "31 6 * * *";
    await step("2026-11-30T06:31:50Z");
    // Back to an earlier time of day that has passed already: nothing until tomorrow.
    pattern = "0 6 * * *";
    await step("2026-11-30T06:33:00Z");
    await step("2026-11-30T12:00:00Z");
    await step("2026-12-01T06:00:30Z");
    await runner.stop();
    expect((await listJobs(db(), { name: "morning.send" })).map((j) => j.key).reverse()).toEqual([
      "morning.send@2026-11-30T06:00:00.000Z",
      "morning.send@2026-11-30T06:30:00.000Z",
      "morning.send@2026-11-30T06:31:00.000Z",
      "morning.send@2026-12-01T06:00:00.000Z",
    ]);
    // Asked once a minute at most, not on every poll.
    expect(asked.length).toBeLessThanOrEqual(9);
  });

  it("runs one handler on several schedules, each with its own key; a removed schedule stops", async () => {
    let list: Schedule[] = [
      { ...morningSend, key: "morning.send:a" },
      { ...morningSend, key: "morning.send:b", cron: "0 7 * * *" },
    ];
    const runner = new JobRunner({ db: db(), handlers, schedules: async () => list, now, pollMs: 5 });
    const step = async (iso: string) => {
      at = new Date(iso).getTime();
      await runner.tick();
      await runner.idle();
    };
    await step("2026-11-30T05:00:00Z");
    await step("2026-11-30T07:00:30Z");
    list = [list[0]!];
    await step("2026-11-30T08:00:00Z");
    await step("2026-12-01T07:30:00Z");
    await runner.stop();
    expect((await listJobs(db(), { name: "morning.send" })).map((j) => j.key).sort()).toEqual([
      "morning.send:a@2026-11-30T06:00:00.000Z",
      "morning.send:a@2026-12-01T06:00:00.000Z",
      "morning.send:b@2026-11-30T07:00:00.000Z",
    ]);
  });

  it("keeps the schedules in force when the schedules function fails", async () => {
    let fail = false;
    const runner = new JobRunner({
      db: db(),
      handlers,
      schedules: async () => {
        if (fail) throw new Error("database away");
        return [morningSend];
      },
      scheduleRefreshMs: 1,
      now,
      pollMs: 5,
    });
    at = new Date("2026-11-30T05:00:00Z").getTime();
    await runner.tick();
    fail = true;
    at = new Date("2026-11-30T06:00:30Z").getTime();
    await runner.tick();
    await runner.idle();
    await runner.stop();
    expect((await listJobs(db(), { name: "morning.send" })).map((j) => j.key)).toEqual([
      "morning.send@2026-11-30T06:00:00.000Z",
    ]);
  });
});
