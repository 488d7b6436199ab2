import { sql } from "kysely";
import { documentToPlainText } from "../articles/document/plain-text.js";
import type { Db } from "../database.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { recordEvent } from "../platform/webhooks/webhook-events.js";
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
      for (const item of batch) await storeOne(trx, provider, item, existing.get(item.guid), options, result);
    });
  }
  return result;
}

async function storeOne(
  trx: Db,
  provider: IngestProvider,
  item: WireItemInput,
  current: WireItemRow | undefined,
  { versioned, now }: { versioned: boolean; now: Date },
  result: IngestResult,
): Promise<void> {
  const text = documentToPlainText(item.body).trim();
  const at = now.toISOString();
  const fields = {
    version_at: item.versionAt,
    headline: item.headline,
    standfirst: item.standfirst,
    byline: item.byline,
    credit: item.credit,
    body: JSON.stringify(item.body),
    text,
    urgency: item.urgency ?? provider.default_urgency ?? 5,
    pub_status: item.pubStatus,
    embargo_at: item.embargoAt,
    url: item.url,
    subjects: JSON.stringify(item.subjects),
    images: JSON.stringify(item.images),
    updated_at: at,
  };
  if (!current) {
    const row = await trx
      .insertInto("wire_items")
      .values({
        ...fields,
        provider_id: provider.id,
        guid: item.guid,
        version: item.version,
        section_id: provider.section_id,
        received_at: at,
        killed_at: item.pubStatus === "canceled" ? at : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await keepVersion(trx, row.id, item.version, fields, at);
    await indexItem(trx, row.id, fields.headline, text, false);
    // One event per new item, none per later version (docs/adr/033): a receiver hears what came in,
    // and an agency re-sending a story all morning is not a stream of "received".
    await recordEvent(
      trx,
      {
        type: "wire.item_received",
        lane: `wire-item:${row.id}`,
        data: {
          item: {
            id: row.id,
            providerId: provider.id,
            guid: item.guid,
            version: item.version,
            headline: item.headline,
            urgency: fields.urgency,
            pubStatus: item.pubStatus,
            embargoAt: item.embargoAt,
            url: item.url,
            receivedAt: at,
          },
        },
      },
      now,
    );
    result.created++;
    if (item.pubStatus === "canceled") result.killed++;
    return;
  }

  const changed =
    current.headline !== fields.headline ||
    current.text !== text ||
    current.standfirst !== fields.standfirst ||
    current.pub_status !== fields.pub_status ||
    current.embargo_at !== fields.embargo_at;
  let version: number;
  if (versioned) {
    if (item.version <= current.version) {
      result.unchanged++;
      return;
    }
    version = item.version;
  } else {
    const older = item.versionAt && current.version_at && item.versionAt < current.version_at;
    if (!changed || older) {
      result.unchanged++;
      return;
    }
    version = current.version + 1;
  }
  const kill = item.pubStatus === "canceled" && !current.killed_at;
  await trx
    .updateTable("wire_items")
    .set({ ...fields, version, ...(kill ? { killed_at: at } : {}) })
    .where("id", "=", current.id)
    .execute();
  await keepVersion(trx, current.id, version, fields, at);
  await indexItem(trx, current.id, fields.headline, text, true);
  result.updated++;
  if (kill) result.killed++;
  const used = await trx
    .selectFrom("wire_uses")
    .select("article_id")
    .where("item_id", "=", current.id)
    .executeTakeFirst();
  if (used) result.usedItemsChanged.push(current.id);
}

async function keepVersion(
  trx: Db,
  itemId: number,
  version: number,
  fields: { headline: string; standfirst: string; text: string; pub_status: string },
  at: string,
): Promise<void> {
  await trx
    .insertInto("wire_item_versions")
    .values({
      item_id: itemId,
      version,
      headline: fields.headline,
      standfirst: fields.standfirst,
      text: fields.text,
      pub_status: fields.pub_status,
      received_at: at,
    })
    .onConflict((oc) => oc.columns(["item_id", "version"]).doNothing())
    .execute();
}

/** SQLite keeps a separate FTS5 table; PostgreSQL's tsvector is a generated column of the row. */
export async function indexItem(trx: Db, id: number, headline: string, text: string, replace: boolean): Promise<void> {
  if (dialectOf(trx) !== "sqlite") return;
  if (replace) await sql`delete from wire_fts where rowid = ${id}`.execute(trx);
  await sql`insert into wire_fts (rowid, headline, body) values (${id}, ${headline}, ${text})`.execute(trx);
}

export async function unindexItems(trx: Db, ids: number[]): Promise<void> {
  if (dialectOf(trx) !== "sqlite" || !ids.length) return;
  await sql`delete from wire_fts where rowid in (${sql.join(ids)})`.execute(trx);
}
