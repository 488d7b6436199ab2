import { preparePage } from "../platform/cache/cached-page.js";
import type { CachedPage } from "../platform/cache/page-store.js";

// A site-wide fragment that changes on its own clock (the breaking-news banner, docs/adr/035) put
// into pages at send time, so that changing it never empties the page cache. Every page's frame
// renders the empty slot below; the cache stores pages with it empty. While a fragment is up, the
// page sent is the stored page with the fragment in the slot: made once per stored page and
// fragment version (the bytes, a new ETag, brotli and gzip off the event loop) and kept beside the
// stored page, which it dies with. Taking the fragment down sends the stored pages as they are.

/** The slot as the frame renders it (Layout.tsx; a test holds the two together). */
export const SLOT_HTML = '<div id="site-banner" class="site-banner-slot" aria-live="polite"></div>';
const SLOT_BYTES = Buffer.from(SLOT_HTML);

/** What goes into the slot now: a version (changes with the fragment) and its markup. */
export interface SlotFill {
  version: string;
  html: string;
}

export type SlotSource = () => SlotFill | null;

/** The slot with the fragment in it; `data-rev` tells the page's script where its stream starts. */
const filledSlot = (fill: SlotFill) =>
  `<div id="site-banner" class="site-banner-slot" aria-live="polite" data-rev="${fill.version}">${fill.html}</div>`;

/** For a page rendered for one request (never stored): the fragment put straight in. */
export function fillSlot(html: string, fill: SlotFill | null): string {
  if (!fill) return html;
  const at = html.indexOf(SLOT_HTML);
  return at < 0 ? html : html.slice(0, at) + filledSlot(fill) + html.slice(at + SLOT_HTML.length);
}

interface Made {
  version: string;
  page: CachedPage | undefined;
  making: Promise<CachedPage>;
}

export class PageSlots {
  private readonly made = new WeakMap<CachedPage, Made>();

  constructor(readonly source: SlotSource) {}

  /**
   * The page to send now, synchronously (the fast path): the stored page when the slot is empty,
   * the filled copy once made, or undefined while it is being made (the caller takes the slow path,
   * which waits for it).
   */
  ready(page: CachedPage): CachedPage | undefined {
    const fill = this.source();
    if (!fill || !page.contentType.startsWith("text/html")) return page;
    const made = this.start(page, fill);
    return made.page;
  }

  /** The page to send, waiting for its filled copy if need be. */
  async prepare(page: CachedPage): Promise<CachedPage> {
    const fill = this.source();
    if (!fill || !page.contentType.startsWith("text/html")) return page;
    const made = this.start(page, fill);
    return made.page ?? made.making;
  }

  private start(page: CachedPage, fill: SlotFill): Made {
    const known = this.made.get(page);
    if (known?.version === fill.version) return known;
    const made: Made = { version: fill.version, page: undefined, making: this.make(page, fill) };
    made.making.then(
      (p) => (made.page = p),
      () => this.made.delete(page),
    );
    this.made.set(page, made);
    return made;
  }

  private async make(page: CachedPage, fill: SlotFill): Promise<CachedPage> {
    const at = page.body.indexOf(SLOT_BYTES);
    if (at < 0) return page;
    const body = Buffer.concat([
      page.body.subarray(0, at),
      Buffer.from(filledSlot(fill)),
      page.body.subarray(at + SLOT_BYTES.length),
    ]);
    return preparePage(
      page.key,
      { body, contentType: page.contentType, tags: page.tags, meta: page.meta },
      { storedAt: page.storedAt, expiresAt: page.expiresAt },
    );
  }
}
