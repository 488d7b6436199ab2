import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { cancelJob, enqueue, getJob, listJobs } from "./job.queries.js";

describeEachDatabase("jobs table queries", (get) => {
  const db = () => get().handle.db;
  beforeEach(async () => {
    await db().deleteFrom("jobs").execute();
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job, a commit keeps it", async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueue(trx, "article.publish", { articleId: 1 });
          throw new Error("the article write failed");
        }),
    ).rejects.toThrow("the article write failed");
    expect(await listJobs(db(), { name: "article.publish" })).toEqual([]);

    await db()
      .transaction()
      .execute((trx) => enqueue(trx, "article.publish", { articleId: 2 }));
    const jobs = await listJobs(db(), { name: "article.publish" });
    expect(jobs.map((j) => [j.payload, j.status, j.attempts, j.maxAttempts])).toEqual([
      [{ articleId: 2 }, "queued", 0, 5],
    ]);
  });

  it("enqueues once per idempotency key and returns the existing job the second time", async () => {
    const runAt = new Date("2026-11-30T06:00:00.000Z");
    const first = await enqueue(db(), "newsletter.send", { issueId: 7 }, { key: "issue-7", runAt, maxAttempts: 3 });
    const again = await enqueue(db(), "newsletter.send", { issueId: 8 }, { key: "issue-7" });
    const concurrent = await Promise.all([1, 2, 3].map(() => enqueue(db(), "newsletter.send", {}, { key: "issue-7" })));
    expect([again.id, ...concurrent.map((j) => j.id)]).toEqual([first.id, first.id, first.id, first.id]);
    expect(again).toMatchObject({ payload: { issueId: 7 }, runAt, maxAttempts: 3, key: "issue-7" });
    expect(await listJobs(db(), { name: "newsletter.send" })).toHaveLength(1);
    // Jobs without a key never collide.
    await enqueue(db(), "newsletter.send", { issueId: 9 });
    await enqueue(db(), "newsletter.send", { issueId: 9 });
    expect(await listJobs(db(), { name: "newsletter.send" })).toHaveLength(3);
  });

  it("lists newest first by name and status, gets by id, and cancels only unfinished jobs", async () => {
    const a = await enqueue(db(), "video.process", { videoId: 1 });
    const b = await enqueue(db(), "video.process", { videoId: 2 });
    await enqueue(db(), "search.rebuild", {});
    expect((await listJobs(db(), { name: "video.process", limit: 10 })).map((j) => j.id)).toEqual([b.id, a.id]);
    expect(await listJobs(db(), { limit: 1 })).toHaveLength(1);

    const cancelled = await cancelJob(db(), a.id);
    expect(cancelled).toMatchObject({ id: a.id, status: "cancelled" });
    expect(cancelled?.finishedAt).toBeInstanceOf(Date);
    expect((await listJobs(db(), { status: "cancelled" })).map((j) => j.id)).toEqual([a.id]);
    expect((await listJobs(db(), { status: "queued", name: "video.process" })).map((j) => j.id)).toEqual([b.id]);

    await db().updateTable("jobs").set({ status: "succeeded" }).where("id", "=", b.id).execute();
    expect(await cancelJob(db(), b.id)).toMatchObject({ id: b.id, status: "succeeded" });
    expect(await cancelJob(db(), 999_999)).toBeUndefined();
    expect(await getJob(db(), 999_999)).toBeUndefined();
    expect(await getJob(db(), b.id)).toMatchObject({ name: "video.process", payload: { videoId: 2 } });
  });
});
