import type { Kysely } from "kysely";

/** Runs `work` in the caller's transaction when given one, else in a new transaction. */
export function inTransaction<K extends Kysely<any>, T>(db: K, work: (trx: K) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute((trx) => work(trx as unknown as K));
}
