import type { Db } from "../database.js";
import type { SlotFill } from "../pages/page-slot.js";
import { type Banner, type BannerState, findBannerState } from "./banner.queries.js";
import { type BannerProps, renderBanner } from "./views/SiteBanner.js";

// The banner as this process serves it (docs/adr/035): the state read from the database after each
// change heard on the bus (any process's), its markup rendered once, and the clock deciding whether
// it has expired, so an expired banner leaves new pages, the JSON and the streams' catch-up at its
// time without anyone taking it down.

/** What a page's script receives (the stream's `banner` event and the polling JSON). */
export interface BannerPayload {
  rev: number;
  banner: BannerProps | null;
  html: string | null;
}

const props = (b: Banner): BannerProps => ({
  id: b.id,
  text: b.text,
  url: b.url,
  live: b.live,
  expiresAt: b.expiresAt?.toISOString() ?? null,
});

export class BannerBoard {
  private state: BannerState = { rev: 0, banner: null };
  private html = "";
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  get rev(): number {
    return this.state.rev;
  }

  /** Reads the state again; calls while a read runs are folded into one more read after it. */
  async load(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          const state = await findBannerState(this.db);
          // A slower read must not put back an older state.
          if (state.rev >= this.state.rev) this.set(state);
        } while (this.again);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** The banner readers see now: none when there is none or it has expired. */
  showing(): Banner | null {
    const banner = this.state.banner;
    if (!banner) return null;
    if (banner.expiresAt && banner.expiresAt.getTime() <= this.now().getTime()) return null;
    return banner;
  }

  /** The page slot's fill (pages/page-slot.ts): the version is the rev. */
  readonly fill = (): SlotFill | null => (this.showing() ? { version: String(this.state.rev), html: this.html } : null);

  payload(): BannerPayload {
    const banner = this.showing();
    return { rev: this.state.rev, banner: banner ? props(banner) : null, html: banner ? this.html : null };
  }

  /** Milliseconds until the banner up now expires; undefined when it does not. */
  expiresInMs(): number | undefined {
    const banner = this.showing();
    return banner?.expiresAt ? Math.max(0, banner.expiresAt.getTime() - this.now().getTime()) : undefined;
  }

  private set(state: BannerState) {
    this.state = state;
    this.html = state.banner ? renderBanner(props(state.banner)) : "";
  }
}
