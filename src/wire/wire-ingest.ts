import { sql } from "kysely";
import { documentToPlainText } from "../articles/document/plain-text.js";
import type { Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { recordEvents } from "../platform/webhooks/webhook-events.js";
import type { WireItemInput } from "./wire-item.js";
import type { WireItemRow } from "./wire.table.js";

// Storing what a provider delivered (docs/adr/030). An item is one row per provider and id:
// - new: stored with its first version;
// - a newer version (a higher version number; for formats without versions, changed words with
//   a source time no older) updates the row in place and keeps the words of each version;
// - the same or an older version changes nothing (feeds repeat their items on every poll);
// - a canceled item is marked killed, and every draft made from it then shows the warning.
// Items are written in batches, one transaction each: a batch is stored whole or not at all.

const BATCH = 200;

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  killed: number;
  /** Items whose drafts must hear of it: a new version or a kill of an item someone used. */
  usedItemsChanged: number[];
}

export interface IngestProvider {
  id: number;
  section_id: number | null;
  default_urgency: number | null;
}

export async function ingestItems(
  db: Db,
  provider: IngestProvider,
  items: WireItemInput[],
  options: { versioned: boolean; now: Date },
): Promise<IngestResult> {
  const result: IngestResult = { created: 0, updated: 0, unchanged: 0, killed: 0, usedItemsChanged: [] };
  // The same id twice in one delivery: the last (newest) one counts.
  const unique = [...new Map(items.map((item) => [item.guid, item])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    await db.transaction().execute(async (trx) => {
      const existing = new Map<string, WireItemRow>();
      const rows = await trx
        .selectFrom("wire_items")
        .selectAll()
        .where("provider_id", "=", provider.id)
        .where(
          "guid",
          "in",
          batch.map((item) => item.guid),
        )
        .execute();
      for (const row of rows) existing.set(row.guid, row);
      await storeNew(
        trx,
        provider,
        batch.filter((item) => !existing.has(item.guid)),
        options.now,
        result,
      );
      const changed: number[] = [];
      for (const item of batch) {
        const current = existing.get(item.guid);
        if (current && (await storeVersion(trx, provider, item, current, options, result))) changed.push(current.id);
      }
      if (changed.length) {
        const used = await trx
          .selectFrom("wire_uses")
          .select("item_id")
          .distinct()
          .where("item_id", "in", changed)
          .execute();
        result.usedItemsChanged.push(...used.map((u) => u.item_id));
      }
    });
  }
  return result;
}

type Fields = ReturnType<typeof fieldsOf>;

function fieldsOf(provider: IngestProvider, item: WireItemInput, at: string) {
  return {
    version_at: item.versionAt,
    headline: item.headline,
    standfirst: item.standfirst,
    byline: item.byline,
    credit: item.credit,
    body: JSON.stringify(item.body),
    text: documentToPlainText(item.body).trim(),
    urgency: item.urgency ?? provider.default_urgency ?? 5,
    pub_status: item.pubStatus,
    embargo_at: item.embargoAt,
    url: item.url,
    subjects: JSON.stringify(item.subjects),
    images: JSON.stringify(item.images),
    updated_at: at,
  };
}

/**
 * New items: one multi-row insert for the rows, one for their first versions and (SQLite) one for
 * their index rows, instead of three statements per item. Ids come back with their guids, so the
 * order the engine returns them in does not matter.
 */
async function storeNew(
  trx: Db,
  provider: IngestProvider,
  items: WireItemInput[],
  now: Date,
  result: IngestResult,
): Promise<void> {
  if (!items.length) return;
  const at = now.toISOString();
  const fields = new Map(items.map((item) => [item.guid, fieldsOf(provider, item, at)]));
  const inserted = await trx
    .insertInto("wire_items")
    .values(
      items.map((item) => ({
        ...fields.get(item.guid)!,
        provider_id: provider.id,
        guid: item.guid,
        version: item.version,
        section_id: provider.section_id,
        received_at: at,
        killed_at: item.pubStatus === "canceled" ? at : null,
      })),
    )
    .returning(["id", "guid"])
    .execute();
  const idOf = new Map(inserted.map((row) => [row.guid, row.id]));
  const stored = items.map((item) => ({ id: idOf.get(item.guid)!, item, fields: fields.get(item.guid)! }));
  await trx
    .insertInto("wire_item_versions")
    .values(stored.map(({ id, item, fields: f }) => versionRow(id, item.version, f, at)))
    .onConflict((oc) => oc.columns(["item_id", "version"]).doNothing())
    .execute();
  await indexItems(
    trx,
    stored.map(({ id, fields: f }) => ({ id, headline: f.headline, text: f.text })),
    false,
  );
  // One event per new item, none per later version (docs/adr/033): a receiver hears what came in,
  // and an agency re-sending a story all morning is not a stream of "received".
  await recordEvents(
    trx,
    stored.map(({ id, item, fields: f }) => ({
      type: "wire.item_received" as const,
      lane: `wire-item:${id}`,
      data: {
        item: {
          id,
          providerId: provider.id,
          guid: item.guid,
          version: item.version,
          headline: item.headline,
          urgency: f.urgency,
          pubStatus: item.pubStatus,
          embargoAt: item.embargoAt,
          url: item.url,
          receivedAt: at,
        },
      },
    })),
    now,
  );
  result.created += items.length;
  result.killed += items.filter((item) => item.pubStatus === "canceled").length;
}

/** A delivery of an item we hold: a newer version updates it in place; true when it changed. */
async function storeVersion(
  trx: Db,
  provider: IngestProvider,
  item: WireItemInput,
  current: WireItemRow,
  { versioned, now }: { versioned: boolean; now: Date },
  result: IngestResult,
): Promise<boolean> {
  const at = now.toISOString();
  const fields = fieldsOf(provider, item, at);
  const changed =
    current.headline !== fields.headline ||
    current.text !== fields.text ||
    current.standfirst !== fields.standfirst ||
    current.pub_status !== fields.pub_status ||
    current.embargo_at !== fields.embargo_at;
  let version: number;
  if (versioned) {
    if (item.version <= current.version) {
      result.unchanged++;
      return false;
    }
    version = item.version;
  } else {
    const older = item.versionAt && current.version_at && item.versionAt < current.version_at;
    if (!changed || older) {
      result.unchanged++;
      return false;
    }
    version = current.version + 1;
  }
  const kill = item.pubStatus === "canceled" && !current.killed_at;
  await trx
    .updateTable("wire_items")
    .set({ ...fields, version, ...(kill ? { killed_at: at } : {}) })
    .where("id", "=", current.id)
    .execute();
  await trx
    .insertInto("wire_item_versions")
    .values(versionRow(current.id, version, fields, at))
    .onConflict((oc) => oc.columns(["item_id", "version"]).doNothing())
    .execute();
  await indexItems(trx, [{ id: current.id, headline: fields.headline, text: fields.text }], true);
  result.updated++;
  if (kill) result.killed++;
  return true;
}

function versionRow(itemId: number, version: number, fields: Fields, at: string) {
  return {
    item_id: itemId,
    version,
    headline: fields.headline,
    standfirst: fields.standfirst,
    text: fields.text,
    pub_status: fields.pub_status,
    received_at: at,
  };
}

/** SQLite keeps a separate FTS5 table; PostgreSQL's tsvector is a generated column of the row. */
export async function indexItems(
  trx: Db,
  rows: { id: number; headline: string; text: string }[],
  replace: boolean,
): Promise<void> {
  if (dialectOf(trx) !== "sqlite" || !rows.length) return;
  if (replace)
    await unindexItems(
      trx,
      rows.map((r) => r.id),
    );
  const values = rows.map((r) => sql`(${r.id}, ${r.headline}, ${r.text})`);
  await sql`insert into wire_fts (rowid, headline, body) values ${sql.join(values)}`.execute(trx);
}
export async function unindexItems(trx: Db, ids: number[]): Promise<void> {
  if (dialectOf(trx) !== "sqlite" || !ids.length) return;
  await sql`delete from wire_fts where rowid in (${sql.join(ids)})`.execute(trx);
}
