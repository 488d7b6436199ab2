import { type Compilable, CompiledQuery, type Kysely } from "kysely";

// Kysely builds and compiles every query afresh: tens of microseconds and a heap of short-lived
// objects per query, more than SQLite takes to run it. A query whose shape never changes is
// compiled once per database and run again with new values bound to its named slots.

const SLOT = "\u0000slot:";

/** A named placeholder for a value bound at execution time. */
export function slot<T>(name: string): T {
  return `${SLOT}${name}` as unknown as T;
}

interface Entry {
  sql: string;
  /** A slot name, or a constant value fixed at compile time. */
  parameters: ({ slot: string } | { value: unknown })[];
}

export function precompiled<Params extends Record<string, unknown>, Row>(
  build: (db: Kysely<any>) => Compilable<Row>,
): (db: Kysely<any>, params: Params) => Promise<Row[]> {
  const cache = new WeakMap<object, Entry>();
  return async (db, params) => {
    let entry = cache.get(db);
    if (!entry) {
      const compiled = build(db).compile();
      entry = {
        sql: compiled.sql,
        parameters: compiled.parameters.map((p) =>
          typeof p === "string" && p.startsWith(SLOT) ? { slot: p.slice(SLOT.length) } : { value: p },
        ),
      };
      cache.set(db, entry);
    }
    const values = entry.parameters.map((p) => {
      if (!("slot" in p)) return p.value;
      if (!(p.slot in params)) throw new Error(`No value for query slot "${p.slot}"`);
      return params[p.slot];
    });
    return (await db.executeQuery<Row>(CompiledQuery.raw(entry.sql, values))).rows;
  };
}
