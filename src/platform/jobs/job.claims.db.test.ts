import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { claimJobs, failAbandonedJobs } from "./job.claims.js";
import { enqueue, getJob, jobsDb } from "./job.queries.js";

// Taking over the jobs of a runner that stopped beating (runner-liveness.ts, docs/adr/032), and
// never one's own: a runner whose row is late (its beat queued behind a busy pool) is still alive
// and still running what it claimed.

describeEachDatabase("claims of a silent runner's jobs", (get) => {
  const db = () => get().handle.db;
  const now = new Date();
  const lease = 60_000;
  const silentBefore = new Date(now.getTime() - 15_000).toISOString();
  beforeEach(async () => {
    await db().deleteFrom("jobs").execute();
    await db().deleteFrom("job_runners").execute();
  });

  const at = { now, leaseMs: lease, names: ["newsletter.send"], limit: 5, silentBefore };

  /** Runner `late` holds a job on its `attempts`th attempt, lease running, and has not beaten for a minute. */
  async function heldByLateRunner(attempts: number) {
    const job = await enqueue(db(), "newsletter.send", {}, { runAt: new Date(now.getTime() - 1000), maxAttempts: 3 });
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    await db().insertInto("job_runners").values({ id: "late", started_at: minuteAgo, seen_at: minuteAgo }).execute();
    const until = new Date(now.getTime() + lease).toISOString();
    await db()
      .updateTable("jobs")
      .set({ status: "running", attempts, locked_by: "late", locked_until: until })
      .where("id", "=", job.id)
      .execute();
    return job;
  }

  it("another runner takes the job at once; the late runner does not take its own", async () => {
    const job = await heldByLateRunner(1);
    expect(await claimJobs(jobsDb(db()), { ...at, runnerId: "late" })).toEqual([]);
    expect((await getJob(db(), job.id))?.attempts).toBe(1);
    const taken = await claimJobs(jobsDb(db()), { ...at, runnerId: "alive" });
    expect(taken.map((j) => [j.id, j.locked_by, j.attempts])).toEqual([[job.id, "alive", 2]]);
  });

  it("fails a silent runner's job on its last attempt, but not when the runner asking is its own", async () => {
    const job = await heldByLateRunner(3);
    const names = ["newsletter.send"];
    expect(await failAbandonedJobs(jobsDb(db()), { runnerId: "late", names, now, silentBefore })).toEqual([]);
    expect((await getJob(db(), job.id))?.status).toBe("running");
    const failed = await failAbandonedJobs(jobsDb(db()), { runnerId: "alive", names, now, silentBefore });
    expect(failed.map((j) => [j.id, j.status])).toEqual([[job.id, "failed"]]);
  });
});
