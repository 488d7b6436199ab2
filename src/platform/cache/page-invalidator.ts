/** What a write tells the page layer: the tags it touched (pages/page-tags.ts). */
export interface PageInvalidator {
  /** Resolves once no cache we control still holds a page carrying one of `tags`. */
  invalidate(tags: Iterable<string>): Promise<void>;
}
