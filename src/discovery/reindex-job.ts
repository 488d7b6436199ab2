import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { indexOwn, listsToRefresh } from "./discovery-index.js";
import { RELATED_KEPT, rankRelated, storeRankedRelated } from "./related-lists.js";
import { yieldToEventLoop } from "../platform/db/in-chunks.js";

// The discovery index after a publication, an Update or a withdrawal: the article's search entry
// and term vector, its related list and the lists it enters or leaves. That is a dozen rankings and
// tens of statements; it runs in a durable job after the editor's transaction commits instead of
// inside it (docs/adr/022). The job is enqueued in that transaction, so it exists iff the change
// does, and a crash in between leaves it queued for the next runner.

export const REINDEX_JOB = "discovery.reindex";
/** The advisory lock class that serialises re-index transactions per schema on PostgreSQL ("reix"). */
const REINDEX_LOCK = 0x72656978;

export const reindexPayload = z.object({
  articleIds: z.array(z.number().int().positive()).min(1).max(1000),
});

/** Queues the re-indexing of `articleIds`; call it inside the transaction that changed them. */
export async function enqueueReindex(trx: Db, articleIds: number[], now: Date): Promise<void> {
  const ids = [...new Set(articleIds)];
  if (ids.length === 0) return;
  await enqueue(trx, REINDEX_JOB, { articleIds: ids } satisfies z.input<typeof reindexPayload>, { now });
}

/**
 * Queues the re-indexing of an author's published stories, whose search entries carry the byline
 * (search-index.ts): call it inside the transaction that renamed the author. A prolific writer's
 * archive becomes several jobs of at most 1,000 stories each (the payload's limit).
 */
export async function enqueueReindexOfAuthor(trx: Db, authorId: number, now: Date): Promise<void> {
  const rows = await trx
    .selectFrom("article_authors as aa")
    .innerJoin("articles as a", "a.id", "aa.article_id")
    .select("a.id")
    .where("aa.author_id", "=", authorId)
    .where("a.status", "=", "published")
    .orderBy("a.id")
    .execute();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) await enqueueReindex(trx, ids.slice(i, i + 1000), now);
}

/**
 * What the job does: re-indexes the articles from their current state (idempotent: a second run
 * finds nothing to change) and returns the articles whose related list a page must show anew. A
 * retry cannot tell what its failed attempt already rewrote, so it names every list the articles
 * are in as well as their own (more pages dropped than needed, never a stale one kept).
 */
export async function runReindex(
  db: Db,
  articleIds: number[],
  retry: boolean,
  options: { jobId?: number; reader?: Db } = {},
): Promise<number[]> {
  const { jobId, reader = db } = options;
  // Ten saves of a published story in a second queue ten re-indexes of it. A later one still
  // waiting reads the article as it will be then, so this one has nothing to add.
  if (jobId !== undefined && !retry && (await supersededBy(db, jobId, articleIds))) return [];
  // One re-index at a time: two of them rewriting the same search entry or related list at once
  // would collide on PostgreSQL (SQLite runs one write transaction at a time anyway).
  const locked = <T>(work: (trx: Db) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      if (dialectOf(trx) === "postgres")
        await sql`select pg_advisory_xact_lock(${sql.lit(REINDEX_LOCK)}, hashtext(current_schema()))`.execute(trx);
      return work(trx);
    });
  const published = await locked((trx) => indexOwn(trx, articleIds));
  // The lists to refresh (the articles' own, then up to a score of others) are ranked from the
  // committed index on `reader` (on SQLite a read thread: a ranking there does not hold the event
  // loop, and every reader's request with it, docs/adr/042), and each is stored in its own short
  // transaction. A crash part-way leaves lists a retry rewrites the same way.
  const changed: number[] = [];
  for (const id of await listsToRefresh(reader, articleIds, published)) {
    await yieldToEventLoop();
    const ranked = await rankRelated(reader, id, RELATED_KEPT);
    if (await locked((trx) => storeRankedRelated(trx, id, ranked))) changed.push(id);
  }
  if (!retry) return changed;
  const listing = await db
    .selectFrom("article_related")
    .select("article_id")
    .where("related_id", "in", articleIds)
    .execute();
  return [...new Set([...changed, ...articleIds, ...listing.map((r) => r.article_id)])];
}

/** A re-index of the same articles queued after job `jobId` and not yet started. */
async function supersededBy(db: Db, jobId: number, articleIds: number[]): Promise<boolean> {
  const later = await db
    .selectFrom("jobs")
    .select("id")
    .where("name", "=", REINDEX_JOB)
    .where("status", "=", "queued")
    .where("id", ">", jobId)
    .where("payload", "=", JSON.stringify({ articleIds: [...new Set(articleIds)] }))
    .limit(1)
    .executeTakeFirst();
  return later !== undefined;
}
