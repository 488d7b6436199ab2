// The message bus: how one process tells the others that something happened (a page's tags were
// invalidated, a live entry was posted). Messages are fire-and-forget notifications, never the
// record of anything: the database is. A subscriber that may have missed messages (its connection
// to Redis dropped) is told through `onGap`, and must then assume anything changed.

export type Unsubscribe = () => void;

export interface Bus {
  /** "local" delivers inside this process only; "redis" reaches every process on the same Redis. */
  readonly kind: "local" | "redis";
  /** Delivers `message` to every subscriber of `channel`, in this process and (redis) in every other. */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Unsubscribe;
  /** Resolves once every subscription made so far receives messages (Redis confirms them). */
  ready(): Promise<void>;
  /** Called after a span during which messages may have been lost (a reconnection to Redis). */
  onGap(handler: () => void): Unsubscribe;
  close(): Promise<void>;
}

/** Subscribers by channel, shared by both implementations. A throwing handler never stops the others. */
export class Subscribers {
  private readonly byChannel = new Map<string, Set<(message: string) => void>>();
  private readonly gapHandlers = new Set<() => void>();

  constructor(private readonly onError: (error: unknown, channel: string) => void) {}

  add(channel: string, handler: (message: string) => void): { unsubscribe: Unsubscribe; first: boolean } {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handler);
    const unsubscribe = () => {
      set.delete(handler);
      if (set.size === 0 && this.byChannel.get(channel) === set) this.byChannel.delete(channel);
    };
    return { unsubscribe, first };
  }

  has(channel: string): boolean {
    return this.byChannel.has(channel);
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  deliver(channel: string, message: string): void {
    for (const handler of [...(this.byChannel.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        this.onError(error, channel);
      }
    }
  }

  addGap(handler: () => void): Unsubscribe {
    this.gapHandlers.add(handler);
    return () => this.gapHandlers.delete(handler);
  }

  gap(): void {
    for (const handler of [...this.gapHandlers]) {
      try {
        handler();
      } catch (error) {
        this.onError(error, "(gap)");
      }
    }
  }
}
