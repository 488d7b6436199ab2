// Who has a story open in the newsroom (issue 18): each open editor sends a heartbeat every
// ~15 s; an entry not renewed within 45 s (three missed beats) has gone. This store lives in one
// process; `BusPresence` (bus-presence.ts) keeps one in every process and shares the heartbeats on
// the platform bus, so several web instances see each other's editors (docs/adr/031).

export const HEARTBEAT_MS = 15_000;
export const PRESENCE_TTL_MS = 45_000;

export interface Viewer {
  userId: number;
  name: string;
  /** When this person opened the story (their first heartbeat of the visit). */
  since: string;
}

export interface PresenceStore {
  /** Records a heartbeat of `viewer` on `articleId` at `now`. */
  touch(articleId: number, viewer: { userId: number; name: string }, now: Date): void;
  /** Everyone whose last heartbeat on `articleId` is younger than the time-to-live. */
  present(articleId: number, now: Date): Viewer[];
  /** The person closed the story. */
  leave(articleId: number, userId: number): void;
}

export class InProcessPresence implements PresenceStore {
  private readonly byArticle = new Map<number, Map<number, { name: string; since: number; seen: number }>>();

  constructor(private readonly ttlMs = PRESENCE_TTL_MS) {}

  touch(articleId: number, viewer: { userId: number; name: string }, now: Date): void {
    this.record(articleId, viewer, now, now);
  }

  /**
   * A heartbeat seen at `seen` of a visit that began at `since` (another process's, told on the
   * bus): a visit already known keeps its earlier start.
   */
  record(articleId: number, viewer: { userId: number; name: string }, seen: Date, since: Date): void {
    let viewers = this.byArticle.get(articleId);
    if (!viewers) this.byArticle.set(articleId, (viewers = new Map()));
    const at = seen.getTime();
    const known = viewers.get(viewer.userId);
    const fresh = known && at - known.seen < this.ttlMs;
    const start = fresh ? Math.min(known.since, since.getTime()) : since.getTime();
    viewers.set(viewer.userId, { name: viewer.name, since: start, seen: Math.max(at, known?.seen ?? 0) });
  }

  /** When `userId`'s current visit of `articleId` began (undefined: not there). */
  sinceOf(articleId: number, userId: number): Date | undefined {
    const known = this.byArticle.get(articleId)?.get(userId);
    return known ? new Date(known.since) : undefined;
  }

  present(articleId: number, now: Date): Viewer[] {
    const viewers = this.byArticle.get(articleId);
    if (!viewers) return [];
    const at = now.getTime();
    const out: Viewer[] = [];
    for (const [userId, v] of viewers) {
      // Expired entries are swept as they are read, so the map never outgrows the open stories.
      if (at - v.seen >= this.ttlMs) viewers.delete(userId);
      else out.push({ userId, name: v.name, since: new Date(v.since).toISOString() });
    }
    if (viewers.size === 0) this.byArticle.delete(articleId);
    return out.sort((a, b) => a.since.localeCompare(b.since) || a.userId - b.userId);
  }

  leave(articleId: number, userId: number): void {
    const viewers = this.byArticle.get(articleId);
    viewers?.delete(userId);
    if (viewers?.size === 0) this.byArticle.delete(articleId);
  }
}
