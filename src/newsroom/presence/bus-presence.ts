import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Bus } from "../../platform/bus/bus.js";
import { InProcessPresence, type PresenceStore, type Viewer } from "./presence-store.js";

// Presence shared by every process on the bus (docs/adr/031): each process keeps its own store
// and tells the others of every heartbeat and every close; they record it as if it had come to
// them. Nothing is kept in Redis: presence is 45 s of memory, and a process that joins late or
// missed messages (Redis away) knows everyone again within one heartbeat (15 s). On one process
// with the local bus this is the in-process store with a message to nobody.

export const PRESENCE_CHANNEL = "presence";

const message = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("touch"),
    from: z.string(),
    articleId: z.number().int().positive(),
    userId: z.number().int().positive(),
    name: z.string().max(200),
    at: z.iso.datetime(),
    since: z.iso.datetime(),
  }),
  z.object({
    kind: z.literal("leave"),
    from: z.string(),
    articleId: z.number().int().positive(),
    userId: z.number().int().positive(),
  }),
]);

export class BusPresence implements PresenceStore {
  private readonly id = randomUUID();
  private readonly local: InProcessPresence;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: Bus,
    private readonly log?: { warn: (obj: object, msg: string) => void },
    ttlMs?: number,
  ) {
    this.local = new InProcessPresence(ttlMs);
    this.unsubscribe = bus.subscribe(PRESENCE_CHANNEL, (raw) => this.receive(raw));
  }

  touch(articleId: number, viewer: { userId: number; name: string }, now: Date): void {
    this.local.touch(articleId, viewer, now);
    const since = this.local.sinceOf(articleId, viewer.userId) ?? now;
    this.send({ kind: "touch", articleId, ...viewer, at: now.toISOString(), since: since.toISOString() });
  }

  present(articleId: number, now: Date): Viewer[] {
    return this.local.present(articleId, now);
  }

  leave(articleId: number, userId: number): void {
    this.local.leave(articleId, userId);
    this.send({ kind: "leave", articleId, userId });
  }

  close(): void {
    this.unsubscribe();
  }

  private send(body: Record<string, unknown>): void {
    this.bus
      .publish(PRESENCE_CHANNEL, JSON.stringify({ ...body, from: this.id }))
      .catch((err: unknown) => this.log?.warn({ err }, "presence not shared; other instances see it at the next beat"));
  }

  private receive(raw: string): void {
    let parsed: z.infer<typeof message>;
    try {
      parsed = message.parse(JSON.parse(raw));
    } catch (err) {
      this.log?.warn({ err }, "presence message ignored: not one of ours");
      return;
    }
    if (parsed.from === this.id) return;
    if (parsed.kind === "leave") return this.local.leave(parsed.articleId, parsed.userId);
    this.local.record(
      parsed.articleId,
      { userId: parsed.userId, name: parsed.name },
      new Date(parsed.at),
      new Date(parsed.since),
    );
  }
}
