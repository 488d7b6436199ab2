// Big batch writes in chunks, with a turn of the event loop between them. better-sqlite3 runs each
// statement synchronously, so a flush of tens of thousands of rows written back to back would hold
// every request of the process for its whole length (hundreds of milliseconds at a reader's p99).
// Between chunks, requests waiting on the event loop (page hits from the cache) are answered.

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `write` with consecutive slices of at most `size` rows, yielding between them. */
export async function inChunks<T>(rows: readonly T[], size: number, write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) {
    if (i > 0) await yieldToEventLoop();
    await write(rows.slice(i, i + size));
  }
}
