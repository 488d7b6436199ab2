import { AppError } from "../errors.js";
import { type RenderedPage, preparePage } from "./cached-page.js";
import { type CachedPage, PageStore } from "./page-store.js";

// The in-process page cache (docs/adr/021). Tags are what keeps it right: a write invalidates the
// tags it touched and the pages carrying them are gone before the write answers. Time only bounds
// what no write announces (the newsroom's day turning, a window such as "the last 48 hours").

/** What a render produced: a page to store and send, or something to pass through as is (a redirect). */
export type Produced<T> = { page: RenderedPage } | { pass: T };

export type Outcome<T> =
  { kind: "page"; page: CachedPage; state: "hit" | "miss" | "stale" } | { kind: "pass"; value: T };

export interface PageCacheOptions {
  maxBytes: number;
  /** How long a page stays fresh when its render says nothing (a bound for changes no write announces). */
  ttlMs?: number;
  /** No page is fresh longer than this, whatever its render asks. */
  maxTtlMs?: number;
  /** How long past its freshness an expired page is still sent while one request renders it anew. */
  staleWhileRevalidateMs?: number;
  /** After a failed render, how long the last good copy is served before a render is tried again. */
  retryAfterErrorMs?: number;
  now?: () => number;
  log?: { warn: (obj: object, msg: string) => void };
}

export interface PageCacheStats {
  hits: number;
  staleHits: number;
  misses: number;
  renders: number;
  renderErrors: number;
  /** Requests answered with the last good copy because its render failed (stale-if-error). */
  servedOnError: number;
  /** Renders not stored because a write invalidated one of their tags while they ran. */
  discarded: number;
  invalidated: number;
  evictions: number;
  entries: number;
  bytes: number;
  maxBytes: number;
}

interface Flight {
  epoch: number;
  done: Promise<Outcome<unknown>>;
}

type Counters = Omit<PageCacheStats, "evictions" | "entries" | "bytes" | "maxBytes">;

export class PageCache {
  readonly store: PageStore;
  private readonly ttlMs: number;
  private maxTtlMs: number;
  private readonly configuredMaxTtlMs: number;
  private readonly swrMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private readonly log: PageCacheOptions["log"];
  private readonly flights = new Map<string, Flight>();
  private readonly counters: Counters = {
    hits: 0,
    staleHits: 0,
    misses: 0,
    renders: 0,
    renderErrors: 0,
    servedOnError: 0,
    discarded: 0,
    invalidated: 0,
  };
  /** Moves on at every invalidation; a render remembers the epoch it started in. */
  private epoch = 0;
  /** The invalidations since the oldest render still running began (for the race of store vs. write). */
  private recent: { epoch: number; tags: Set<string> | "all" }[] = [];

  constructor(options: PageCacheOptions) {
    this.store = new PageStore(options.maxBytes);
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxTtlMs = this.configuredMaxTtlMs = options.maxTtlMs ?? Number.POSITIVE_INFINITY;
    this.swrMs = options.staleWhileRevalidateMs ?? 2_000;
    this.retryMs = options.retryAfterErrorMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.log = options.log;
  }

  get stats(): PageCacheStats {
    return {
      ...this.counters,
      evictions: this.store.evictions,
      entries: this.store.size,
      bytes: this.store.bytes,
      maxBytes: this.store.maxBytes,
    };
  }

  /**
   * The page under `key`: fresh from memory (a hit), or rendered by `produce` once however many
   * requests ask at the same time. An expired page is sent while one request renders it again, for
   * at most `staleWhileRevalidateMs` past its time; when that render fails, the last good copy is
   * sent (and logged) rather than an error.
   */
  async fetch<T>(key: string, produce: () => Promise<Produced<T>>): Promise<Outcome<T>> {
    const now = this.now();
    const cached = this.store.get(key);
    if (cached && now < cached.expiresAt) {
      this.counters.hits += 1;
      return { kind: "page", page: cached, state: "hit" };
    }
    let flight = this.flights.get(key);
    // A render begun before a write may show what the write changed: a request that arrives after
    // an invalidation never waits for one, it starts its own.
    if (!flight || flight.epoch !== this.epoch) flight = this.start(key, produce, cached);
    if (cached && now - cached.expiresAt <= this.swrMs) {
      this.counters.staleHits += 1;
      return { kind: "page", page: cached, state: "stale" };
    }
    return flight.done as Promise<Outcome<T>>;
  }

  /** The page under `key` if it is fresh (a hit, counted), else nothing: the caller takes the slow way. */
  fresh(key: string): CachedPage | undefined {
    const page = this.store.get(key);
    if (!page || this.now() >= page.expiresAt) return undefined;
    this.counters.hits += 1;
    return page;
  }

  /** Drops every page carrying one of `tags`; returns how many went. */
  invalidate(tags: Iterable<string>): number {
    const named = new Set(tags);
    if (named.size === 0) return 0;
    this.epoch += 1;
    if (this.flights.size) this.recent.push({ epoch: this.epoch, tags: named });
    let removed = 0;
    for (const key of this.store.keysTagged(named)) if (this.store.delete(key)) removed += 1;
    this.counters.invalidated += removed;
    return removed;
  }

  /**
   * Keeps no page stored from now on fresh longer than `ms` (undefined: back to the configured
   * bound). For a span in which writes elsewhere may not be heard of (pages/page-fanout.ts).
   */
  limitFreshness(ms: number | undefined): void {
    this.maxTtlMs = ms === undefined ? this.configuredMaxTtlMs : Math.min(ms, this.configuredMaxTtlMs);
  }

  /** Drops every page. */
  clear(): void {
    this.epoch += 1;
    if (this.flights.size) this.recent.push({ epoch: this.epoch, tags: "all" });
    this.counters.invalidated += this.store.size;
    this.store.clear();
  }

  private start<T>(key: string, produce: () => Promise<Produced<T>>, stale: CachedPage | undefined): Flight {
    const flight: Flight = { epoch: this.epoch, done: Promise.resolve(undefined as never) };
    if (!stale) this.counters.misses += 1;
    this.counters.renders += 1;
    flight.done = this.run(key, produce, stale, flight).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      this.forgetOldInvalidations();
    });
    // Nobody may be waiting (a stale copy was sent): the outcome is still handled, never unhandled.
    flight.done.catch(() => undefined);
    this.flights.set(key, flight);
    return flight;
  }

  private async run<T>(
    key: string,
    produce: () => Promise<Produced<T>>,
    stale: CachedPage | undefined,
    flight: Flight,
  ): Promise<Outcome<T>> {
    let produced: Produced<T>;
    try {
      produced = await produce();
    } catch (err) {
      if (!isFailure(err)) {
        // The page is gone or moved (404, 410): its old copy must not answer any more.
        if (stale && this.store.peek(key) === stale) this.store.delete(key);
        throw err;
      }
      this.counters.renderErrors += 1;
      // The copy may have been invalidated by a write meanwhile: then it is not ours to send.
      if (!stale || this.store.peek(key) !== stale) throw err;
      stale.expiresAt = this.now() + this.retryMs;
      this.counters.servedOnError += 1;
      this.log?.warn(
        { err, key, storedAt: new Date(stale.storedAt).toISOString() },
        "render failed; sent the last good copy",
      );
      return { kind: "page", page: stale, state: "stale" };
    }
    if ("pass" in produced) {
      if (stale && this.store.peek(key) === stale) this.store.delete(key);
      return { kind: "pass", value: produced.pass };
    }
    const storedAt = this.now();
    const page = await preparePage(key, produced.page, {
      storedAt,
      expiresAt: storedAt + Math.min(produced.page.ttlMs ?? this.ttlMs, this.maxTtlMs),
    });
    if (this.invalidatedSince(flight.epoch, page.tags)) this.counters.discarded += 1;
    else this.store.set(page);
    return { kind: "page", page, state: "miss" };
  }

  private invalidatedSince(epoch: number, tags: readonly string[]): boolean {
    if (epoch === this.epoch) return false;
    const oldest = this.recent[0];
    // The log only starts when a render is running; one older than the log is treated as touched.
    if (!oldest || oldest.epoch > epoch + 1) return true;
    return this.recent.some((r) => {
      const named = r.tags;
      return r.epoch > epoch && (named === "all" || tags.some((t) => named.has(t)));
    });
  }

  private forgetOldInvalidations() {
    if (this.flights.size === 0) {
      this.recent = [];
      return;
    }
    const oldest = Math.min(...[...this.flights.values()].map((f) => f.epoch));
    this.recent = this.recent.filter((r) => r.epoch > oldest);
  }
}

/** A page that is not found or gone is an answer, not a failure; anything else is a failure. */
function isFailure(err: unknown): boolean {
  if (err instanceof AppError) return err.status >= 500;
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status !== "number" || status >= 500;
}
