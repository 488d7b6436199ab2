import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { REINDEX_JOB, enqueueReindex, runReindex } from "./reindex-job.js";

describeEachDatabase("re-index job", (get) => {
  let built: ReturnType<typeof buildNewsroom> | undefined;
  const newsroom = () => (built ??= buildNewsroom(get().handle.db));
  const queued = async () =>
    (
      await get()
        .handle.db.selectFrom("jobs")
        .select("payload")
        .where("name", "=", REINDEX_JOB)
        .where("status", "=", "queued")
        .execute()
    ).map((j) => JSON.parse(j.payload) as unknown);

  it("exists only if the write that queued it committed", async () => {
    const db = get().handle.db;
    const before = (await queued()).length;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueReindex(trx, [1, 2, 2], new Date());
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await queued()).toHaveLength(before);
    await db.transaction().execute((trx) => enqueueReindex(trx, [3, 3, 4], new Date()));
    expect((await queued()).at(-1)).toEqual({ articleIds: [3, 4] });
  });

  it("changes nothing when run again, and a retry names every list the story is in", async () => {
    const db = get().handle.db;
    const f = await newsroom();
    await db.updateTable("articles").set({ status: "unpublished" }).where("id", "=", f.sameTag.id).execute();
    const first = await runReindex(db, [f.sameTag.id], false);
    expect(first.length).toBeGreaterThan(0);
    const lists = await db.selectFrom("article_related").select(["article_id", "related_id"]).execute();
    expect(lists.some((r) => r.related_id === f.sameTag.id || r.article_id === f.sameTag.id)).toBe(false);
    // At least once: the second run finds the lists as the first left them.
    expect(await runReindex(db, [f.lead.id], false)).toEqual([]);
    const listing = (
      await db.selectFrom("article_related").select("article_id").where("related_id", "=", f.lead.id).execute()
    ).map((r) => r.article_id);
    expect(listing.length).toBeGreaterThan(0);
    const retry = await runReindex(db, [f.lead.id], true);
    expect(new Set(retry)).toEqual(new Set([f.lead.id, ...listing]));
  });

  it("gives way to a later re-index of the same stories still waiting, and only to that", async () => {
    const db = get().handle.db;
    const f = await newsroom();
    const jobIds = async (ids: number[]) => {
      await db.transaction().execute((trx) => enqueueReindex(trx, ids, new Date()));
      const row = await db
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", REINDEX_JOB)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const inLists = async () =>
      (await db.selectFrom("article_related").select("article_id").where("related_id", "=", f.sameTag.id).execute())
        .length;
    const publish = (status: "published" | "unpublished") =>
      db.updateTable("articles").set({ status }).where("id", "=", f.sameTag.id).execute();
    await publish("published");
    await runReindex(db, [f.sameTag.id], false);
    expect(await inLists()).toBeGreaterThan(0);
    await publish("unpublished");
    const first = await jobIds([f.sameTag.id]);
    await jobIds([f.lead.id]); // another story's: not the same work
    expect(await runReindex(db, [f.sameTag.id], false, { jobId: first })).not.toEqual([]);
    expect(await inLists()).toBe(0);

    await publish("published");
    const early = await jobIds([f.sameTag.id]);
    const later = await jobIds([f.sameTag.id]);
    expect(await runReindex(db, [f.sameTag.id], false, { jobId: early })).toEqual([]);
    expect(await inLists()).toBe(0); // left to the later job
    // A retry does its work whatever is queued: it cannot tell what its first attempt left.
    expect(await runReindex(db, [f.sameTag.id], true, { jobId: early })).not.toEqual([]);
    await db.updateTable("jobs").set({ status: "succeeded" }).where("id", "in", [first, early, later]).execute();
    expect(await runReindex(db, [f.sameTag.id], false, { jobId: later })).toEqual([]);
    expect(await inLists()).toBeGreaterThan(0);
  });

  it("refreshes the other stories' lists one at a time, ranked on the read threads, the process answering in between", async () => {
    const { db, reader } = get().handle;
    const f = await newsroom();
    await db.updateTable("articles").set({ status: "unpublished" }).where("id", "=", f.sameTag.id).execute();
    await runReindex(db, [f.sameTag.id], false);
    await db.updateTable("articles").set({ status: "published" }).where("id", "=", f.sameTag.id).execute();
    // The turns of the event loop taken while it runs (a request waiting would be answered in each).
    let turns = 0;
    let running = true;
    const turn = () => {
      turns += 1;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    const changed = await runReindex(db, [f.sameTag.id], false, { reader });
    running = false;
    expect(changed.length).toBeGreaterThan(1);
    expect(turns).toBeGreaterThanOrEqual(changed.length - 1);
    // The lists as ranked on the main connection: the same.
    const lists = () =>
      db.selectFrom("article_related").select(["article_id", "related_id"]).orderBy("article_id").orderBy("position");
    const ranked = await lists().execute();
    await runReindex(db, [f.sameTag.id], true);
    expect(await lists().execute()).toEqual(ranked);
  });
});
