/**
 * A page ready to send: the bytes as rendered, their brotli and gzip variants (made once, when the
 * page was stored), a validator, and the tags of everything the page shows.
 */
export interface CachedPage {
  key: string;
  contentType: string;
  body: Buffer;
  br: Buffer | undefined;
  gzip: Buffer | undefined;
  /** A weak validator (RFC 9110 §8.8.1): the same for every encoding of the same bytes. */
  etag: string;
  tags: readonly string[];
  /** When it was rendered and until when it is fresh, in the cache's clock (ms). */
  storedAt: number;
  expiresAt: number;
  /** Whatever the page's owner wants back on every hit (the article id whose views are counted). */
  meta: unknown;
  /** What the entry costs: its three bodies plus the key and tags. */
  bytes: number;
}

/**
 * Pages by key, bounded by bytes, least recently used out first, with an index from each tag to
 * the keys carrying it so an invalidation touches only what it names. A Map keeps insertion
 * order, so moving a used key to the end is a delete and a set, and the oldest is the first.
 */
export class PageStore {
  private readonly pages = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private total = 0;
  evictions = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.pages.size;
  }

  /** The page under `key`, marked as just used. */
  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /** The page under `key` without touching its place in the order. */
  peek(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  /** Stores a page (replacing the key's previous one); false when it alone would not fit. */
  set(page: CachedPage): boolean {
    this.delete(page.key);
    // One page may take at most an eighth of the budget, so a monster cannot flush everything else.
    if (page.bytes > this.maxBytes / 8) return false;
    this.pages.set(page.key, page);
    this.total += page.bytes;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(page.key);
    }
    for (const oldest of this.pages.keys()) {
      if (this.total <= this.maxBytes) break;
      this.delete(oldest);
      this.evictions += 1;
    }
    return true;
  }

  delete(key: string): boolean {
    const page = this.pages.get(key);
    if (!page) return false;
    this.pages.delete(key);
    this.total -= page.bytes;
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }

  /** The keys of the pages carrying any of `tags`. */
  keysTagged(tags: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) found.add(key);
    return found;
  }

  clear(): void {
    this.pages.clear();
    this.byTag.clear();
    this.total = 0;
  }
}

/** What an entry costs in memory, roughly: its bodies, key and tags (object overhead is noise). */
export function pageBytes(page: Omit<CachedPage, "bytes">): number {
  const bodies = page.body.length + (page.br?.length ?? 0) + (page.gzip?.length ?? 0);
  return bodies + page.key.length * 2 + page.tags.reduce((n, t) => n + t.length * 2 + 16, 0) + 256;
}
