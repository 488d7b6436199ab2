import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { type RebuildPhase, rebuildDiscoveryIndex, reindexArticles } from "../discovery/discovery-index.js";
import { LOOKUP_CHUNK, chunks } from "./import-batch.js";

// After the load, the discovery index (search entries, term vectors, related lists) is brought up
// to date once. A small import into a large archive goes article by article, as a newsroom
// publish does: each new story gets its list, and the lists it could enter are refreshed (about
// INCREMENTAL_COST lists per story). A large one rebuilds the whole index in one pass, which
// costs one list per article of the archive and also corrects the drift of document frequencies.

/** Related lists refreshed per story on the incremental path: its own and up to 20 similar stories'. */
export const INCREMENTAL_COST = 21;
/** Articles per transaction on the incremental path. */
const PER_TRANSACTION = 100;

export async function indexImported(
  db: Kysely<Database>,
  imported: number[],
  present: number[],
  onProgress: (phase: RebuildPhase, done: number, total: number) => void,
): Promise<"none" | "incremental" | "rebuild"> {
  // Stories imported by an earlier run that stopped before indexing them.
  const ids = [...imported, ...(await withoutVectors(db, present))];
  if (ids.length === 0) return "none";
  const archive = await db
    .selectFrom("articles")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();
  if (ids.length * INCREMENTAL_COST > Number(archive.n)) {
    await rebuildDiscoveryIndex(db, onProgress);
    return "rebuild";
  }
  let done = 0;
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
