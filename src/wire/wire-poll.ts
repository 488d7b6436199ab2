import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { parseFeed } from "./formats/index.js";
import { listDropped, readDropped, settleDropped } from "./sources/folder-source.js";
import { type HttpFetchOptions, fetchFeed } from "./sources/http-source.js";
import { type IngestResult, ingestItems, unindexItems } from "./wire-ingest.js";
import type { WireFormat } from "./wire-item.js";
import type { WireProviderRow } from "./wire.table.js";

// One run of one provider (docs/adr/030): fetch what is new, parse it, store it, and write the
// provider's status. A run holds the provider (running_until) so two workers, or a worker and
// "Poll now", never run it at once. A failed run backs off: the next one waits the interval
// times 2, 4, 8 … (at most six hours), and the error is kept in words for the newsroom.

const HOLD_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Formats whose items carry version numbers (the others are versioned by what changed). */
const VERSIONED: ReadonlySet<string> = new Set(["ninjs", "newsml-g2"]);

export interface PollSummary extends Omit<IngestResult, "usedItemsChanged"> {
  provider: string;
  /** Items refused on their own (the rest were stored). */
  refused: number;
  /** The run did not happen: the provider is paused, or another run holds it. */
  skipped?: "paused" | "running";
  notModified?: boolean;
  error?: string;
  usedItemsChanged: number[];
}

export interface PollDeps {
  db: Db;
  now: () => Date;
  http?: HttpFetchOptions;
  log?: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
}

export async function pollProvider(
  deps: PollDeps,
  providerId: number,
  options: { force?: boolean } = {},
): Promise<PollSummary> {
  const { db } = deps;
  const now = deps.now();
  const provider = await db.selectFrom("wire_providers").selectAll().where("id", "=", providerId).executeTakeFirst();
  if (!provider) throw new AppError("NOT_FOUND", `No wire provider ${providerId}`);
  const summary: PollSummary = {
    provider: provider.name,
    created: 0,
    updated: 0,
    unchanged: 0,
    killed: 0,
    refused: 0,
    usedItemsChanged: [],
  };
  if (!provider.enabled && !options.force) return { ...summary, skipped: "paused" };
  if (!(await hold(db, provider.id, now))) return { ...summary, skipped: "running" };

  const errors: string[] = [];
  let fetched: { etag: string | null; lastModified: string | null } | undefined;
  try {
    if (provider.source_kind === "http") {
      const result = await fetchFeed(
        {
          url: provider.source,
          authKind: provider.auth_kind,
          authSecret: provider.auth_secret,
          etag: provider.etag,
          lastModified: provider.last_modified,
        },
        deps.http,
      );
      if (result.status === "not-modified") {
        summary.notModified = true;
      } else {
        fetched = { etag: result.etag, lastModified: result.lastModified };
        await take(deps, provider, result.bytes, result.finalUrl, summary, errors);
      }
    } else if (provider.source_kind === "folder") {
      const { files, tooLarge } = await listDropped(provider.source, now.getTime());
      for (const name of tooLarge) {
        errors.push(`${name}: larger than 20 MB`);
        await settleDropped(provider.source, name, now, "larger than 20 MB");
      }
      for (const name of files) {
        try {
          await take(deps, provider, await readDropped(provider.source, name), undefined, summary, errors);
          await settleDropped(provider.source, name, now);
        } catch (error) {
          const message = (error as Error).message;
          errors.push(`${name}: ${message}`);
          await settleDropped(provider.source, name, now, message);
        }
      }
    }
    // Email providers receive through the inbound listener (wire-mailbox.ts); a poll has nothing to fetch.
  } catch (error) {
    const message = (error as Error).message;
    const failures = provider.failures + 1;
    const wait = Math.min(provider.interval_seconds * 1000 * 2 ** failures, MAX_BACKOFF_MS);
    await db
      .updateTable("wire_providers")
      .set({
        failures,
        last_run_at: now.toISOString(),
        last_error: message,
        next_poll_at: new Date(now.getTime() + wait).toISOString(),
        running_until: null,
      })
      .where("id", "=", provider.id)
      .execute();
    deps.log?.warn({ provider: provider.name, failures, err: message }, "wire provider run failed");
    return { ...summary, error: message };
  }

  const delivered = summary.created + summary.updated > 0;
  await db
    .updateTable("wire_providers")
    .set({
      failures: 0,
      last_run_at: now.toISOString(),
      last_success_at: now.toISOString(),
      last_error: errors.length
        ? `${errors.length} item(s) refused: ${errors.slice(0, 3).join("; ")}`.slice(0, 1000)
        : null,
      next_poll_at: new Date(now.getTime() + provider.interval_seconds * 1000).toISOString(),
      running_until: null,
      ...(delivered ? { last_item_at: now.toISOString(), quiet_since: null } : {}),
      ...(fetched ? { etag: fetched.etag, last_modified: fetched.lastModified } : {}),
    })
    .where("id", "=", provider.id)
    .execute();
  if (!delivered) await noticeQuiet(deps, provider, now);
  return summary;
}

async function take(
  deps: PollDeps,
  provider: WireProviderRow,
  bytes: Buffer,
  url: string | undefined,
  summary: PollSummary,
  errors: string[],
): Promise<void> {
  const parsed = await parseFeed(provider.format as WireFormat, bytes, url);
  for (const e of parsed.errors) errors.push(`${e.item}: ${e.message}`);
  summary.refused += parsed.errors.length;
  const result = await ingestItems(deps.db, provider, parsed.items, {
    versioned: VERSIONED.has(provider.format),
    now: deps.now(),
  });
  summary.created += result.created;
  summary.updated += result.updated;
  summary.unchanged += result.unchanged;
  summary.killed += result.killed;
  summary.usedItemsChanged.push(...result.usedItemsChanged);
}

/** Takes the provider for this run; false when another run holds it. */
async function hold(db: Db, providerId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("wire_providers")
    .set({ running_until: new Date(now.getTime() + HOLD_MS).toISOString() })
    .where("id", "=", providerId)
    .where((eb) => eb.or([eb("running_until", "is", null), eb("running_until", "<", now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many intervals without an item make a provider that used to deliver "gone quiet". */
export const QUIET_INTERVALS = 6;

export function quietFor(provider: Pick<WireProviderRow, "last_item_at" | "interval_seconds">, now: Date): boolean {
  if (!provider.last_item_at) return false;
  const window = Math.max(QUIET_INTERVALS * provider.interval_seconds * 1000, 3_600_000);
  return now.getTime() - Date.parse(provider.last_item_at) > window;
}

async function noticeQuiet(deps: PollDeps, provider: WireProviderRow, now: Date): Promise<void> {
  if (provider.quiet_since || !quietFor(provider, now)) return;
  await deps.db
    .updateTable("wire_providers")
    .set({ quiet_since: now.toISOString() })
    .where("id", "=", provider.id)
    .execute();
  deps.log?.warn({ provider: provider.name, lastItemAt: provider.last_item_at }, "wire provider has gone quiet");
}

/** The providers due for a run now (enabled, their time come, not held by a run). */
export async function dueProviders(db: Db, now: Date): Promise<{ id: number; next_poll_at: string }[]> {
  const at = now.toISOString();
  return db
    .selectFrom("wire_providers")
    .select(["id", "next_poll_at"])
    .where("enabled", "=", 1)
    .where("source_kind", "!=", "email")
    .where("next_poll_at", "<=", at)
    .where((eb) => eb.or([eb("running_until", "is", null), eb("running_until", "<", at)]))
    .orderBy("next_poll_at")
    .execute();
}

/** Items older than `days` that no draft was made from are removed (with their versions and index rows). */
export async function expireItems(db: Db, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom("wire_items")
      .select("id")
      .where("updated_at", "<", before)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom("wire_uses").select("item_id").whereRef("wire_uses.item_id", "=", "wire_items.id")),
        ),
      )
      .limit(5000)
      .execute();
    const ids = old.map((r) => r.id);
    if (!ids.length) return 0;
    await unindexItems(trx, ids);
    await trx.deleteFrom("wire_item_versions").where("item_id", "in", ids).execute();
    await trx.deleteFrom("wire_items").where("id", "in", ids).execute();
    return ids.length;
  });
}
