import { afterEach, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Database } from "../../database.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { JobInterruptedError, defineJob } from "./job-handler.js";
import { enqueue, getJob } from "./job.queries.js";
import type { JobOutcome } from "./job-attempt.js";
import { JobRunner } from "./job-runner.js";

// A runner that stops while a job made of steps runs: the step under way finishes, the job goes
// back to the queue due now without counting the attempt, and another runner finishes it.

describeEachDatabase("JobRunner stopping between steps", (get) => {
  const db = () => get().handle.db;
  const runners: JobRunner<Database>[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await db().deleteFrom("jobs").execute();
  });

  it("ends after the current step, queues the job again at once, and another runner goes on from there", async () => {
    const done: number[] = [];
    const outcomes: JobOutcome[] = [];
    let inStep = false;
    const steps = defineJob({
      schema: z.object({ steps: z.number().int() }),
      run: async ({ steps: total }, ctx) => {
        for (let step = done.length; step < total; step++) {
          if (ctx.stopping) throw new JobInterruptedError();
          inStep = true;
          await new Promise((r) => setTimeout(r, 20));
          done.push(step);
          inStep = false;
        }
      },
    });
    const make = () => {
      const r = new JobRunner<Database>({
        db: db(),
        handlers: { steps },
        pollMs: 5,
        concurrency: 1,
        observe: (_job, outcome) => outcomes.push(outcome),
      });
      runners.push(r);
      return r;
    };
    const first = make();
    const job = await enqueue(db(), "steps", { steps: 20 });
    first.start();
    await vi.waitFor(() => expect(done.length).toBeGreaterThanOrEqual(3));
    await first.stop();
    expect(inStep).toBe(false);
    const stoppedAt = done.length;
    expect(stoppedAt).toBeLessThan(20);
    expect(await getJob(db(), job.id)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
    expect(outcomes).toEqual(["interrupted"]);

    const second = make();
    second.start();
    await vi.waitFor(async () =>
      expect(await getJob(db(), job.id)).toMatchObject({ status: "succeeded", attempts: 1 }),
    );
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(outcomes).toEqual(["interrupted", "succeeded"]);
  });
});
