// Paging a live blog (docs/adr/028). Entries are counted from the oldest, in blocks of
// PAGE_SIZE: block 1 holds the first 20 ever posted, block 2 the next 20, and so on. The live blog's
// own address shows the newest two blocks (between 21 and 40 entries once it has more than 20); each
// older block is `?page=N`, whose entries never change as new ones arrive, so the address a search
// engine crawled keeps showing the same updates. (A deleted entry shifts the later blocks by one.)

export const PAGE_SIZE = 20;

export interface LivePageWindow {
  /** The block shown, or 0 for the live blog's own address (the newest two blocks). */
  page: number;
  offset: number;
  limit: number;
  /** The block "Older updates" links to, if any. */
  older: number | null;
  /** The block "Newer updates" links to: 0 is the live blog's own address; null on that address. */
  newer: number | null;
}

/** How many blocks `total` entries make. */
export const blockCount = (total: number) => Math.ceil(total / PAGE_SIZE);

/** The blocks the live blog's own address shows: the last two. */
export const firstArchivedBlock = (total: number) => Math.max(0, blockCount(total) - 2);

/**
 * What `?page=N` shows, or "main" when that block is on the live blog's own address (the reader
 * is sent there), or undefined when there is no such block.
 */
export function liveWindow(total: number, page: number | undefined): LivePageWindow | "main" | undefined {
  const archived = firstArchivedBlock(total);
  if (page === undefined) {
    const offset = archived * PAGE_SIZE;
    return { page: 0, offset, limit: total - offset, older: archived > 0 ? archived : null, newer: null };
  }
  if (page > blockCount(total)) return undefined;
  if (page > archived) return "main";
  return {
    page,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    older: page > 1 ? page - 1 : null,
    newer: page + 1 <= archived ? page + 1 : 0,
  };
}

/** The page an entry at `position` (0 = oldest) is shown on: 0 for the live blog's own address. */
export function pageOfPosition(total: number, position: number): number {
  const block = Math.floor(position / PAGE_SIZE) + 1;
  return block > firstArchivedBlock(total) ? 0 : block;
}

/** The address of a live blog's page: the article's own, or `?page=N`. */
export const livePagePath = (articlePath: string, page: number) =>
  page === 0 ? articlePath : `${articlePath}?page=${page}`;

/** An entry's anchor, the same on every page. */
export const entryAnchor = (entryId: number) => `entry-${entryId}`;
