import type { Db } from "../database.js";
import { zonedIsoDate } from "../platform/time.js";
import type { SourceKind } from "./audience.table.js";
import { type AudienceBatch, type CountRow, writeAudienceBatch } from "./audience-writes.js";
import type { Source } from "./sources.js";

// The audience desk's counts (docs/adr/029), gathered in memory and written every few seconds in
// one batch, so a beacon never waits on the database. Everything a flush writes goes through one
// function, writeAudienceBatch: the place to move the counts elsewhere (Redis) when instances must
// add up before writing. A crash loses at most one interval.

export interface BeaconEvent {
  kind: "view" | "engaged";
  /** The page's own random id, for "readers now". */
  pageView: string;
  /** 0 for a page that is not an article. */
  articleId: number;
  source: Source;
  /** The daily-salted hash; absent when the reader asked not to be tracked (Sec-GPC, DNT). */
  visitor?: string | undefined;
  /** Engaged seconds reported by a heartbeat. */
  seconds?: number;
}

/** Seen visitor keys kept to spare the database repeated inserts; past it, the database dedupes. */
const SEEN_LIMIT = 200_000;

export const minuteOf = (at: Date) => at.toISOString().slice(0, 16);

export class AudienceCounter {
  private minutes = new Map<string, CountRow>();
  private days = new Map<string, CountRow & { campaign: string }>();
  private visitors = new Set<string>();
  private seen = new Set<string>();
  private presence = new Map<string, { articleId: number; source: SourceKind; referrer: string; at: Date }>();
  private signups: { path: string; source: SourceKind | ""; at: Date }[] = [];

  constructor(
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // The newsroom day changes only on a minute (zone offsets are whole minutes), so one
  // Intl formatting per minute serves every beacon of it.
  private dayCache = { minute: Number.NaN, day: "" };

  dayOf(at: Date): string {
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.dayCache.minute) this.dayCache = { minute, day: zonedIsoDate(at, this.timeZone) };
    return this.dayCache.day;
  }

  record(event: BeaconEvent): void {
    const at = this.now();
    const day = this.dayOf(at);
    const views = event.kind === "view" ? 1 : 0;
    const seconds = event.kind === "engaged" ? (event.seconds ?? 0) : 0;
    const { kind: source, referrer, campaign } = event.source;
    this.add(
      this.minutes,
      `${minuteOf(at)}|${event.articleId}|${source}|${referrer}`,
      () => ({
        period: minuteOf(at),
        article_id: event.articleId,
        source,
        referrer,
      }),
      views,
      seconds,
      0,
    );
    this.add(
      this.days,
      `${day}|${event.articleId}|${source}|${referrer}|${campaign}`,
      () => ({
        period: day,
        article_id: event.articleId,
        source,
        referrer,
        campaign,
      }),
      views,
      seconds,
      0,
    );
    if (event.visitor && event.kind === "view") {
      for (const article of event.articleId > 0 ? [event.articleId, -1] : [-1]) {
        const key = `${day}|${article}|${event.visitor}`;
        if (this.seen.has(key)) continue;
        if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
        this.seen.add(key);
        // With the article the visit was to, so a visit to a made-up article counts nowhere.
        this.visitors.add(`${key}|${event.articleId}`);
      }
    }
    this.presence.set(event.pageView, { articleId: event.articleId, source, referrer, at });
  }

  /** A newsletter sign-up made on the page at `path` (the form's return address). */
  signup(path: string): void {
    if (this.signups.length < 10_000) this.signups.push({ path, source: "", at: this.now() });
  }

  get pending(): number {
    return this.minutes.size + this.visitors.size + this.presence.size + this.signups.length;
  }

  /** Writes what was gathered; on failure it is put back for the next flush. */
  async flush(db: Db): Promise<void> {
    if (this.pending === 0) return;
    const batch: AudienceBatch = {
      minutes: [...this.minutes.values()],
      days: [...this.days.values()],
      visitors: [...this.visitors].map((key) => {
        const [day, article, visitor, on] = key.split("|") as [string, string, string, string];
        return { day, article_id: Number(article), visitor, on: Number(on) };
      }),
      presence: [...this.presence].map(([pageView, p]) => ({
        page_view: pageView,
        article_id: p.articleId,
        source: p.source,
        referrer: p.referrer,
        seen_at: p.at.toISOString(),
      })),
      signups: this.signups.map((s) => ({ path: s.path, minute: minuteOf(s.at), day: this.dayOf(s.at) })),
    };
    const saved = { minutes: this.minutes, days: this.days, visitors: this.visitors, presence: this.presence };
    const signups = this.signups;
    this.minutes = new Map();
    this.days = new Map();
    this.visitors = new Set();
    this.presence = new Map();
    this.signups = [];
    try {
      await writeAudienceBatch(db, batch);
    } catch (error) {
      for (const [k, v] of saved.minutes) this.merge(this.minutes, k, v);
      for (const [k, v] of saved.days) this.merge(this.days, k, v);
      for (const v of saved.visitors) this.visitors.add(v);
      for (const [k, v] of saved.presence) if (!this.presence.has(k)) this.presence.set(k, v);
      this.signups.unshift(...signups);
      throw error;
    }
  }

  private add<T extends CountRow>(
    map: Map<string, T>,
    key: string,
    make: () => Omit<T, "views" | "engaged_seconds" | "signups">,
    views: number,
    seconds: number,
    signups: number,
  ): void {
    let row = map.get(key);
    if (!row) map.set(key, (row = { ...make(), views: 0, engaged_seconds: 0, signups: 0 } as T));
    row.views += views;
    row.engaged_seconds += seconds;
    row.signups += signups;
  }

  private merge<T extends CountRow>(map: Map<string, T>, key: string, row: T): void {
    const mine = map.get(key);
    if (!mine) map.set(key, row);
    else {
      mine.views += row.views;
      mine.engaged_seconds += row.engaged_seconds;
      mine.signups += row.signups;
    }
  }
}
