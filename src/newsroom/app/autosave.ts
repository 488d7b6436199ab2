import type { ArticleDraft, DraftPatch, FieldName } from "./types.js";

// Autosave for one article: edits collect in a pending patch that is written to the browser's
// storage at once (so a closed tab or a dead connection loses nothing) and sent to the server
// after a short pause. Every save names the version it was based on; a refusal (409) stops the
// queue with both versions so the person decides. Offline, it waits for the connection.

export type SaveState =
  | { kind: "saved"; at: string | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; theirs: ArticleDraft; mine: DraftPatch; base: ArticleDraft };

export interface StoredEdits {
  articleId: number;
  baseVersion: number;
  patch: DraftPatch;
  at: string;
}

/** Where unsaved edits wait: localStorage in the browser, a Map in tests. */
export interface EditStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const storeKey = (articleId: number) => `ld:newsroom:edits:${articleId}`;

export function readStoredEdits(store: EditStore, articleId: number): StoredEdits | undefined {
  try {
    const raw = store.getItem(storeKey(articleId));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as StoredEdits;
    return parsed.articleId === articleId && typeof parsed.baseVersion === "number" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export type SendResult =
  | { ok: true; draft: ArticleDraft }
  | { ok: false; kind: "conflict"; current: ArticleDraft }
  | { ok: false; kind: "offline" }
  | { ok: false; kind: "error"; message: string };

export interface SaveQueueOptions {
  base: ArticleDraft;
  store: EditStore;
  send: (baseVersion: number, patch: DraftPatch) => Promise<SendResult>;
  onState: (state: SaveState) => void;
  onSaved: (draft: ArticleDraft) => void;
  isOnline?: () => boolean;
  /** Pause after the last keystroke before saving; the whole save lands within about 2 s. */
  delayMs?: number;
  /** While offline or after an error, try again this often. */
  retryMs?: number;
  now?: () => Date;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SaveQueue {
  private base: ArticleDraft;
  private pending: DraftPatch = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private stopped = false;
  private state: SaveState;
  private readonly delayMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: SaveQueueOptions) {
    this.base = opts.base;
    this.delayMs = opts.delayMs ?? 1200;
    this.retryMs = opts.retryMs ?? 5000;
    this.state = { kind: "saved", at: savedAt(opts.base) };
  }

  get version(): number {
    return this.base.version;
  }
  get hasPending(): boolean {
    return Object.keys(this.pending).length > 0;
  }
  get pendingPatch(): DraftPatch {
    return { ...this.pending };
  }
  get current(): SaveState {
    return this.state;
  }

  /** Records an edit: kept in storage at once, sent after the pause. */
  edit<K extends FieldName>(field: K, value: DraftPatch[K]): void {
    if (this.stopped) return;
    if (same(this.base[field], value)) delete this.pending[field];
    else this.pending[field] = value;
    this.persist();
    if (this.state.kind === "conflict") return;
    if (!this.hasPending) {
      if (!this.inFlight) this.setState({ kind: "saved", at: savedAt(this.base) });
      return;
    }
    if (this.state.kind !== "offline" && this.state.kind !== "saving") this.setState({ kind: "pending" });
    this.schedule(this.delayMs);
  }

  /** Resumes edits kept from an earlier visit (or from before going offline). */
  restore(stored: StoredEdits): void {
    this.pending = { ...stored.patch };
    if (stored.baseVersion !== this.base.version) {
      // The server moved on while these edits waited: the person decides, as for any conflict.
      this.setState({ kind: "conflict", theirs: this.base, mine: this.pendingPatch, base: this.base });
      this.persist(stored.baseVersion);
      return;
    }
    this.persist();
    if (this.hasPending) this.schedule(0);
  }

  /** Saves now (Ctrl+S, leaving the page, the connection coming back). */
  flush(): Promise<void> {
    this.clearTimer();
    return this.run();
  }

  /**
   * Settles a conflict. `patch` is what to save on top of `theirs` (empty to take theirs as is);
   * edits typed while the conflict was shown are kept on top of it.
   */
  resolve(theirs: ArticleDraft, patch: DraftPatch): void {
    this.base = theirs;
    const merged: DraftPatch = { ...patch };
    for (const [k, v] of Object.entries(merged) as [FieldName, unknown][]) {
      if (same(theirs[k], v)) delete merged[k];
    }
    this.pending = merged;
    this.persist();
    this.opts.onSaved(theirs);
    this.setState(this.hasPending ? { kind: "pending" } : { kind: "saved", at: savedAt(theirs) });
    if (this.hasPending) this.schedule(0);
  }

  /** Takes a version the server answered with outside a save (a workflow step, a restore). */
  adopt(draft: ArticleDraft): void {
    this.resolve(draft, this.pendingPatch);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private persist(baseVersion = this.base.version): void {
    const key = storeKey(this.base.id);
    try {
      if (!this.hasPending) this.opts.store.removeItem(key);
      else {
        const record: StoredEdits = {
          articleId: this.base.id,
          baseVersion,
          patch: this.pending,
          at: (this.opts.now?.() ?? new Date()).toISOString(),
        };
        this.opts.store.setItem(key, JSON.stringify(record));
      }
    } catch {
      // Storage full or refused (private mode): the server save still runs.
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => void this.run(), ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.opts.onState(state);
  }

  private async run(): Promise<void> {
    if (this.stopped || this.inFlight || !this.hasPending || this.state.kind === "conflict") return;
    if (this.opts.isOnline && !this.opts.isOnline()) {
      this.setState({ kind: "offline" });
      this.schedule(this.retryMs);
      return;
    }
    const sent = this.pendingPatch;
    this.inFlight = true;
    this.setState({ kind: "saving" });
    let result: SendResult;
    try {
      result = await this.opts.send(this.base.version, sent);
    } catch (err) {
      result = { ok: false, kind: "error", message: err instanceof Error ? err.message : String(err) };
    }
    this.inFlight = false;
    if (this.stopped) return;
    if (result.ok) {
      this.base = result.draft;
      // Whatever changed again while the save was in flight stays pending.
      for (const [k, v] of Object.entries(sent) as [FieldName, unknown][]) {
        if (same(this.pending[k], v)) delete this.pending[k];
      }
      this.persist();
      this.opts.onSaved(result.draft);
      if (this.hasPending) {
        this.setState({ kind: "pending" });
        this.schedule(this.delayMs);
      } else this.setState({ kind: "saved", at: savedAt(result.draft) });
      return;
    }
    if (result.kind === "conflict") {
      this.setState({ kind: "conflict", theirs: result.current, mine: this.pendingPatch, base: this.base });
      return;
    }
    this.setState(result.kind === "offline" ? { kind: "offline" } : { kind: "error", message: result.message });
    this.schedule(this.retryMs);
  }
}

/** When the text on screen was last saved: a published story's edits are saved in its pending copy. */
export const savedAt = (draft: ArticleDraft): string => draft.pending?.updatedAt ?? draft.updatedAt;
