import type { PurgeKeys } from "../platform/cache/cdn-purge.js";
import type { FastPath } from "./fast-path.js";
import type { PageSlots } from "./page-slot.js";
import type { PageCache } from "../platform/cache/page-cache.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { type RailKey, Rails, railKey } from "./rails.js";
import type { NavSection } from "./site-context.js";

/** The frame every page shows: the sections and the newsroom's day (the masthead's date). */
export interface Frame {
  sections: NavSection[];
  day: string;
}

export const FRAME_RAIL: RailKey<Frame> = railKey<Frame>("frame");

export interface PageLayerOptions {
  /** The page cache; none when PAGE_CACHE_MB is 0 (pages are rendered for each request). */
  cache: PageCache | undefined;
  rails: Rails;
  purge?: PurgeKeys | undefined;
  /** How long a CDN may keep a public page: long only when a purge can reach it. */
  cdnMaxAgeSeconds: number;
  log: { warn: (obj: object, msg: string) => void };
}

/**
 * The page layer's state: the cache, the rails, the CDN purge. An invalidation naming any tag
 * reloads the rails first (a write may have changed what they show), then drops the pages carrying the named tags
 * and those of every rail that changed, then asks the CDN to drop them too.
 */
export class PageLayer implements PageInvalidator {
  readonly cache: PageCache | undefined;
  readonly rails: Rails;
  readonly cdnMaxAgeSeconds: number;
  /** Hits answered before routing (pages/fast-path.ts), once the app has set it up. */
  fastPath: FastPath | undefined;
  /** Tells the other processes which tags a write dropped (pages/page-fanout.ts); none in one process. */
  announce: ((tags: string[]) => Promise<void>) | undefined;
  /** The site-wide fragment put into pages at send time (the banner, pages/page-slot.ts), once wired. */
  slots: PageSlots | undefined;
  private readonly purge: PurgeKeys | undefined;
  private readonly log: PageLayerOptions["log"];

  constructor(options: PageLayerOptions) {
    this.cache = options.cache;
    this.rails = options.rails;
    this.purge = options.purge;
    this.cdnMaxAgeSeconds = options.cdnMaxAgeSeconds;
    this.log = options.log;
  }

  async invalidate(tags: Iterable<string>): Promise<void> {
    const named = new Set(tags);
    // A write that names no tag changed nothing a reader sees (a draft's autosave, a save into a
    // published story's pending copy): the rails cannot have moved either, so they are not re-read.
    if (named.size === 0) return;
    try {
      for (const tag of await this.rails.refresh()) named.add(tag);
    } catch (err) {
      this.log.warn({ err }, "rails not refreshed after a write; they refresh on their interval");
    }
    const dropped = [...named];
    await this.drop(dropped);
    if (!this.announce || dropped.length === 0) return;
    try {
      await this.announce(dropped);
    } catch (err) {
      // The write is committed and this process is right; the others keep the pages for their lifetime at most.
      this.log.warn({ err, tags: dropped.length }, "invalidation not sent to the other processes");
    }
  }

  /**
   * Another process's write: drop its tags here (no CDN purge: the writer did it), then read the
   * rails again and drop the pages of those that changed. "all" drops everything.
   */
  async applyRemote(tags: string[] | "all"): Promise<void> {
    if (!this.cache) return;
    if (tags === "all") this.cache.clear();
    else this.cache.invalidate(tags);
    try {
      const changed = await this.rails.refresh();
      if (changed.length) this.cache.invalidate(changed);
    } catch (err) {
      this.log.warn({ err }, "rails not refreshed after a write elsewhere; they refresh on their interval");
    }
  }

  /** Refreshes the rails every `intervalMs` (the day turning, most read moving). */
  startRails(intervalMs: number): void {
    this.rails.start(intervalMs, (tags) => this.drop(tags));
  }

  /** Reads the rails again now and drops the pages showing those that changed (the interval's work). */
  async refreshRails(): Promise<void> {
    await this.drop(await this.rails.refresh());
  }

  stop(): void {
    this.rails.stop();
  }

  private async drop(tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    this.cache?.invalidate(tags);
    await this.purge?.(tags);
  }
}
