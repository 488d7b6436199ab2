import { sql } from "kysely";
import type { Db } from "../database.js";
import { fts5Expression, isEmptyQuery, parseSearchQuery } from "../discovery/search-query.js";
import { dialectOf } from "../platform/db/dialect-of.js";
import { AppError } from "../platform/errors.js";
import type { WireImage } from "./wire-item.js";
import { quietFor } from "./wire-poll.js";

// Reading the wire queue and its providers for the newsroom.

/** Matches ranked per search on SQLite; an update that moves an older item up still shows within them. */
const SEARCH_CANDIDATES = 2000;

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
  if (params.providerId) query = query.where("i.provider_id", "=", params.providerId);
  if (params.urgency) query = query.where("i.urgency", "<=", params.urgency);
  if (params.sectionId) query = query.where("i.section_id", "=", params.sectionId);
  if (params.killed === false) query = query.where("i.killed_at", "is", null);
  const parsed = params.q ? parseSearchQuery(params.q) : null;
  if (parsed && !isEmptyQuery(parsed)) {
    if (dialectOf(db) === "sqlite") {
      // A bounded candidate set: the newest SEARCH_CANDIDATES matches by id (items arrive in id
      // order), then sorted by last update. A word in every item costs the same as a rare one.
      query = query.where(
        sql<boolean>`i.id in (select rowid from wire_fts where wire_fts match ${fts5Expression(parsed)} order by rowid desc limit ${SEARCH_CANDIDATES})`,
      );
    } else {
      const parts = [];
      if (parsed.words.length) parts.push(sql`plainto_tsquery('english', ${parsed.words.join(" ")})`);
      for (const p of parsed.phrases) parts.push(sql`phraseto_tsquery('english', ${p.join(" ")})`);
      query = query.where(sql<boolean>`i.search @@ (${sql.join(parts, sql` && `)})`);
    }
  }
  if (params.before) {
    const cut = params.before.lastIndexOf("_");
    const at = params.before.slice(0, cut);
    const id = Number(params.before.slice(cut + 1));
    if (cut < 0 || !Number.isInteger(id) || Number.isNaN(Date.parse(at)))
      throw new AppError("BAD_REQUEST", "A bad cursor (before)");
    query = query.where((eb) =>
      eb.or([eb("i.updated_at", "<", at), eb.and([eb("i.updated_at", "=", at), eb("i.id", "<", id)])]),
    );
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
