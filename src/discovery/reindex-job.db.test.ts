import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { REINDEX_JOB, enqueueReindex, runReindex } from "./reindex-job.js";

describeEachDatabase("re-index job", (get) => {
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
    const f = await buildNewsroom(db);
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
});
