// Accepted messages waiting to be marked sent (docs/adr/008): the narrower the gap between the SMTP
// server's 250 and the UPDATE that records it, the fewer copies a killed sender sends twice.

/**
 * Accepted messages waiting to be marked sent. With no delay, one UPDATE runs after another while
 * acceptances arrive, each taking up to `group` of those waiting; with a delay, a group is written
 * when full or `delayMs` after its first message. Writes run one after another; a failed write is
 * reported by settle().
 */
export class SentMarks {
  private ids: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  /** Acceptances added, and how many of them (in order) are written: add()'s promise waits on these. */
  private added = 0;
  private written = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];

  constructor(
    private readonly write: (ids: number[]) => Promise<void>,
    private readonly group: number,
    private readonly delayMs = 20,
  ) {}

  /**
   * Records an acceptance. The promise resolves once its mark is written (or its write failed, which
   * `failed` then says): a sender that waits for it before taking the next recipient keeps the
   * acceptances not yet recorded to one per sender at most (docs/adr/008).
   */
  add(id: number): Promise<void> {
    this.ids.push(id);
    const seq = ++this.added;
    const marked = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    if (this.delayMs === 0) this.writing ??= this.drain();
    else if (this.ids.length >= this.group) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    return marked;
  }

  /** A mark could not be written: stop sending (settle() throws the error). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  private writeGroup(ids: number[]): Promise<void> {
    this.chain = this.chain.then(() =>
      this.write(ids)
        .catch((err: unknown) => {
          this.failure ??= err;
        })
        .finally(() => {
          this.written += ids.length;
          const ready = this.waiters.filter((w) => w.seq <= this.written);
          this.waiters = this.waiters.filter((w) => w.seq > this.written);
          for (const w of ready) w.resolve();
        }),
    );
    return this.chain;
  }

  /** No delay: one UPDATE after another while acceptances wait, each taking what arrived meanwhile. */
  private async drain(): Promise<void> {
    await Promise.resolve(); // the acceptances of this turn join the first group
    while (this.ids.length > 0) {
      await this.writeGroup(this.ids.splice(0, this.group));
    }
    this.writing = undefined;
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.ids.splice(0);
    return ids.length > 0 ? this.writeGroup(ids) : this.chain;
  }

  async settle(): Promise<void> {
    while (this.writing) await this.writing;
    await this.flush();
    if (this.failure !== undefined) throw this.failure;
  }
}
