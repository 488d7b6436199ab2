import { type RawBuilder, sql } from "kysely";
import type { Db } from "../database.js";
import { isEmptyQuery, parseSearchQuery } from "../discovery/search-query.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { AppError } from "../platform/errors.js";
import type { WireImage } from "./wire-item.js";
import { quietFor } from "./wire-poll.js";
import { searchCondition } from "./wire-search.js";

// Reading the wire queue and its providers for the newsroom.

export interface QueueParams {
  providerId?: number;
  /** Items at this urgency or more urgent (1 is a flash). */
  urgency?: number;
  sectionId?: number;
  q?: string;
  /** Include items the agency killed (shown struck through); on by default. */
  killed?: boolean;
  /** Cursor: the `updatedAt_id` of the last item of the previous page. */
  before?: string;
  limit: number;
}

export interface QueueItem {
  id: number;
  provider: string;
  providerId: number;
  headline: string;
  standfirst: string;
  byline: string;
  credit: string;
  urgency: number;
  version: number;
  embargoAt: string | null;
  killed: boolean;
  receivedAt: string;
  updatedAt: string;
  versionAt: string | null;
  words: number;
  uses: number;
}

export async function listQueue(db: Db, params: QueueParams): Promise<{ items: QueueItem[]; next: string | null }> {
  let query = db
    .selectFrom("wire_items as i")
    .innerJoin("wire_providers as p", "p.id", "i.provider_id")
    .select([
      "i.id",
      "p.name as provider",
      "p.id as providerId",
      "i.headline",
      "i.standfirst",
      "i.byline",
      "i.credit",
      "i.urgency",
      "i.version",
      "i.embargo_at as embargoAt",
      "i.killed_at",
      "i.received_at as receivedAt",
      "i.updated_at as updatedAt",
      "i.version_at as versionAt",
      "i.text",
    ])
    .select((eb) =>
      eb
        .selectFrom("wire_uses as u")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("u.item_id", "=", "i.id")
        .as("uses"),
    );
  const filters = queueFilters(params);
  for (const f of filters) query = query.where(f);
  const parsed = params.q ? parseSearchQuery(params.q) : null;
  if (parsed && !isEmptyQuery(parsed)) {
    const found = await searchCondition(db, dialectOf(db), parsed, filters, params.limit);
    if (!found) return { items: [], next: null };
    query = query.where(found);
  }
  const rows = await query
    .orderBy("i.updated_at", "desc")
    .orderBy("i.id", "desc")
    .limit(params.limit + 1)
    .execute();
  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ killed_at, text, ...r }) => ({
      ...r,
      killed: killed_at !== null,
      words: text.split(/\s+/).filter(Boolean).length,
      uses: Number(r.uses ?? 0),
    })),
    next: rows.length > params.limit && last ? `${last.updatedAt}_${last.id}` : null,
  };
}

/** The queue's conditions other than words, on `wire_items i`; the search's steps take them too. */
function queueFilters(params: QueueParams): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (params.providerId) out.push(sql<boolean>`i.provider_id = ${params.providerId}`);
  if (params.urgency) out.push(sql<boolean>`i.urgency <= ${params.urgency}`);
  if (params.sectionId) out.push(sql<boolean>`i.section_id = ${params.sectionId}`);
  if (params.killed === false) out.push(sql<boolean>`i.killed_at is null`);
  if (params.before) {
    const cut = params.before.lastIndexOf("_");
    const at = params.before.slice(0, cut);
    const id = Number(params.before.slice(cut + 1));
    if (cut < 0 || !Number.isInteger(id) || Number.isNaN(Date.parse(at)))
      throw new AppError("BAD_REQUEST", "A bad cursor (before)");
    out.push(sql<boolean>`(i.updated_at < ${at} or (i.updated_at = ${at} and i.id < ${id}))`);
  }
  return out;
}

export async function loadItem(db: Db, id: number) {
  const row = await db
    .selectFrom("wire_items as i")
    .innerJoin("wire_providers as p", "p.id", "i.provider_id")
    .selectAll("i")
    .select("p.name as provider")
    .where("i.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such wire item");
  const [versions, uses] = await Promise.all([
    db
      .selectFrom("wire_item_versions")
      .select(["version", "headline", "standfirst", "text", "pub_status as pubStatus", "received_at as receivedAt"])
      .where("item_id", "=", id)
      .orderBy("version", "desc")
      .execute(),
    db
      .selectFrom("wire_uses as u")
      .innerJoin("articles as a", "a.id", "u.article_id")
      .select(["a.id", "a.headline", "a.status", "u.version", "u.used_at as usedAt"])
      .where("u.item_id", "=", id)
      .orderBy("u.used_at")
      .execute(),
  ]);
  return {
    id: row.id,
    provider: row.provider,
    providerId: row.provider_id,
    guid: row.guid,
    version: row.version,
    versionAt: row.version_at,
    headline: row.headline,
    standfirst: row.standfirst,
    byline: row.byline,
    credit: row.credit,
    body: JSON.parse(row.body) as unknown,
    urgency: row.urgency,
    pubStatus: row.pub_status,
    killed: row.killed_at !== null,
    killedAt: row.killed_at,
    embargoAt: row.embargo_at,
    url: row.url,
    subjects: JSON.parse(row.subjects) as string[],
    images: JSON.parse(row.images) as WireImage[],
    sectionId: row.section_id,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    versions,
    drafts: uses,
  };
}

export interface ProviderStatus {
  id: number;
  name: string;
  sourceKind: string;
  source: string;
  format: string;
  authKind: string;
  intervalSeconds: number;
  sectionId: number | null;
  defaultUrgency: number | null;
  enabled: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastItemAt: string | null;
  lastError: string | null;
  failures: number;
  nextPollAt: string;
  itemsLast24h: number;
  quiet: boolean;
}

export async function listProviders(db: Db, now: Date): Promise<ProviderStatus[]> {
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const rows = await db
    .selectFrom("wire_providers as p")
    .selectAll("p")
    .select((eb) =>
      eb
        .selectFrom("wire_items as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.provider_id", "=", "p.id")
        .where("i.updated_at", ">=", since)
        .as("recent"),
    )
    .orderBy("p.name")
    .execute();
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    sourceKind: p.source_kind,
    // A secret never leaves the server; the URL is shown without credentials.
    source: p.source_kind === "http" ? redact(p.source) : p.source,
    format: p.format,
    authKind: p.auth_kind,
    intervalSeconds: p.interval_seconds,
    sectionId: p.section_id,
    defaultUrgency: p.default_urgency,
    enabled: p.enabled === 1,
    lastRunAt: p.last_run_at,
    lastSuccessAt: p.last_success_at,
    lastItemAt: p.last_item_at,
    lastError: p.last_error,
    failures: p.failures,
    nextPollAt: p.next_poll_at,
    itemsLast24h: Number(p.recent ?? 0),
    quiet: p.enabled === 1 && quietFor(p, now),
  }));
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return url;
  }
}
