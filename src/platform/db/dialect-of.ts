import { PostgresAdapter } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { Dialect } from "./connect.js";

/** Which engine a Kysely instance (or transaction) talks to, for the few queries that differ. */
export function dialectOf(db: Kysely<any> | Transaction<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
