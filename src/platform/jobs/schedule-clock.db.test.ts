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
});
