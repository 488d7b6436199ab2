import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { type RebuildPhase, rebuildDiscoveryIndex, reindexArticles } from "../discovery/discovery-index.js";
import { RELATED_KEPT } from "../discovery/related-lists.js";
import { relateArchive } from "../discovery/related-bulk.js";
import { LOOKUP_CHUNK, chunks } from "./import-batch.js";

// After the load, the discovery index (search entries, term vectors, related lists) is brought up
// to date once (docs/adr/020). A small import into a large archive goes article by article, as a
// newsroom publish does: each new story gets its list and the lists it could enter are refreshed,
// about INCREMENTAL_COST ranking queries per story, each slower the larger the archive (30–45 ms on
// SQLite and about 0.7 s on PostgreSQL at 100,000 articles). Anything larger rebuilds the whole
// index in one pass (related lists ranked in memory), which costs a few milliseconds per article of
// the archive and also corrects the drift of document frequencies. In between (more than
// INCREMENTAL_MAX stories, but under REBUILD_SHARE of the archive) only the new stories are
// analysed and indexed, and every related list is ranked in one pass from the stored vectors.

/** Related lists refreshed per story on the incremental path: its own and up to 20 similar stories'. */
export const INCREMENTAL_COST = 21;
/**
 * At most this many stories go the incremental way, whatever the archive: at 100,000 articles 200
 * stories cost about 200 × 21 × 40 ms ≈ 3 minutes on SQLite, about what the rebuild takes.
 */
export const INCREMENTAL_MAX = 200;
/** Articles per transaction on the incremental path. */
const PER_TRANSACTION = 100;

/** New stories above this share of the archive already there rebuild the whole index (their document frequencies matter). */
export const REBUILD_SHARE = 0.25;

export async function indexImported(
  db: Kysely<Database>,
  imported: number[],
  present: number[],
  onProgress: (phase: RebuildPhase, done: number, total: number) => void,
): Promise<"none" | "incremental" | "append" | "rebuild"> {
  // Stories imported by an earlier run that stopped before indexing them.
  const ids = [...imported, ...(await withoutVectors(db, present))];
  if (ids.length === 0) return "none";
  const archive = await db
    .selectFrom("articles")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  const size = Number(archive.n);
  if (ids.length > REBUILD_SHARE * (size - ids.length)) {
    await rebuildDiscoveryIndex(db, onProgress);
    return "rebuild";
  }
  let done = 0;
  if (ids.length > INCREMENTAL_MAX || ids.length * INCREMENTAL_COST > size) {
    // Only the new stories are analysed; every list is then ranked in one pass from the stored vectors.
    for (const part of chunks(ids, PER_TRANSACTION * 5)) {
      await db.transaction().execute((trx) => reindexArticles(trx, part, { related: false }));
      onProgress("indexing", (done += part.length), ids.length);
    }
    await relateArchive(db, RELATED_KEPT, (n, total) => onProgress("relating", n, total));
    return "append";
  }
  for (const part of chunks(ids, PER_TRANSACTION)) {
    await db.transaction().execute((trx) => reindexArticles(trx, part));
    onProgress("relating", (done += part.length), ids.length);
  }
  return "incremental";
}

async function withoutVectors(db: Kysely<Database>, ids: number[]): Promise<number[]> {
  const indexed = new Set<number>();
  for (const part of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom("article_terms")
      .select("article_id")
      .distinct()
      .where("article_id", "in", part)
      .execute();
    for (const r of rows) indexed.add(r.article_id);
  }
  return [...new Set(ids)].filter((id) => !indexed.has(id));
}
