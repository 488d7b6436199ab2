// The rails: what many pages show beside their own content (the sections in the frame, today's
// headlines, most read, the latest briefing, the featured video). Each is loaded once per interval
// and after every write, not per request; when one's content changes, the pages that show it are
// invalidated by its tag (`rail-<name>`). A domain names its rail with a typed key and the wiring
// hands its loader in, so this layer knows no domain.

export interface RailKey<T> {
  readonly name: string;
  /** Carries the value's type only. */
  readonly _value?: T;
}

export const railKey = <T>(name: string): RailKey<T> => ({ name });
export const railTag = (key: RailKey<unknown> | string) => `rail-${typeof key === "string" ? key : key.name}`;

/** Loads a rail's content as of `now`. */
export type RailLoader<T> = (now: Date) => Promise<T>;

interface Loaded {
  value: unknown;
  /** The content as JSON, to tell a change from a reload that found the same. */
  json: string;
}

export interface RailsOptions {
  now: () => Date;
  log?: { warn: (obj: object, msg: string) => void };
}

export class Rails {
  private readonly loaders = new Map<string, RailLoader<unknown>>();
  private readonly loaded = new Map<string, Loaded>();
  private refreshing: Promise<string[]> | undefined;
  private next: Promise<string[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RailsOptions) {}

  define<T>(key: RailKey<T>, load: RailLoader<T>): void {
    this.loaders.set(key.name, load);
  }

  /** The rail's content as last loaded (call `ready()` once first). */
  get<T>(key: RailKey<T>): T {
    const loaded = this.loaded.get(key.name);
    if (!loaded) throw new Error(`The rail "${key.name}" is not loaded`);
    return loaded.value as T;
  }

  has(key: RailKey<unknown>): boolean {
    return this.loaded.has(key.name);
  }

  get isReady(): boolean {
    return this.loaded.size >= this.loaders.size;
  }

  /** Loads every rail the first time; at once afterwards. */
  async ready(): Promise<void> {
    if (!this.isReady) await this.refresh();
  }

  /**
   * Loads every rail again and returns the tags of those whose content changed. Calls during a
   * refresh share one more run after it, so a write that committed meanwhile is always seen.
   */
  refresh(): Promise<string[]> {
    if (!this.refreshing) {
      this.refreshing = this.load().finally(() => {
        this.refreshing = undefined;
      });
      return this.refreshing;
    }
    // A load under way may have read before the caller's write committed: one more follows it.
    this.next ??= this.refreshing
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.refresh();
      });
    return this.next;
  }

  /** Refreshes every `intervalMs`, telling `changed` which rails' tags moved. */
  start(intervalMs: number, changed: (tags: string[]) => void | Promise<void>): void {
    this.stop();
    this.timer = setInterval(() => {
      void this.refresh()
        .then((tags) => (tags.length ? changed(tags) : undefined))
        .catch((err: unknown) => this.options.log?.warn({ err }, "rails not refreshed; keeping the last ones"));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async load(): Promise<string[]> {
    const now = this.options.now();
    const names = [...this.loaders.keys()];
    const values = await Promise.all(names.map((name) => this.loaders.get(name)!(now)));
    const changed: string[] = [];
    names.forEach((name, i) => {
      const json = JSON.stringify(values[i]) ?? "undefined";
      const before = this.loaded.get(name);
      if (before?.json === json) return;
      this.loaded.set(name, { value: values[i], json });
      if (before) changed.push(railTag(name));
    });
    return changed;
  }
}
