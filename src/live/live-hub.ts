import type { Bus, Unsubscribe } from "../platform/bus/index.js";
import { SSE_HEARTBEAT, sseEvent } from "../platform/http/event-stream.js";
import type { LiveStatus } from "./live.table.js";

// The fan-out of live blog changes to open streams (docs/adr/028). A write publishes a small
// message on the bus ("article 12 is at rev 40"); every process's hub hears it and, once per live
// blog and not once per reader, reads the changes after the last rev it has seen and turns each into
// one Server-Sent Event, serialised once and written to every stream of that live blog. A stream
// remembers the last rev it was sent and is never sent one twice, which is what makes a resume
// (Last-Event-ID), the catch-up after connecting and a late or repeated bus message safe together.

export const LIVE_CHANNEL = "live";
/**
 * The site-wide channel's topic (docs/adr/035): the breaking-news banner travels as "article 0"
 * through the same bus messages, catch-up and fan-out as a live blog's entries.
 */
export const SITE_TOPIC = 0;

export interface LiveMessage {
  articleId: number;
  rev?: number;
  status?: LiveStatus;
}

/** A change as streams send it: its rev and its SSE text. */
export interface LiveEvent {
  rev: number;
  text: string;
}

/** One open stream (a response), as the hub needs it. */
export interface LiveStream {
  /** The last rev sent; events at or below it are never sent again. */
  lastSent: number;
  write(text: string): void;
  /** Bytes written but not yet taken by the socket (a slow reader's backlog). */
  readonly backlog: number;
  end(): void;
}

export interface LiveHubOptions {
  bus: Bus;
  /** The changes of a live blog after `rev`, as events (read and rendered once for every stream). */
  changesSince(articleId: number, rev: number): Promise<LiveEvent[]>;
  /** Called for every change heard, from any process (drops this process's cached live pages). */
  onChange?: (articleId: number) => void;
  log?: { warn: (obj: object, msg: string) => void };
  heartbeatMs?: number;
  /** A stream whose unsent backlog passes this is closed; its reader reconnects and resumes. */
  maxBacklogBytes?: number;
}

interface Topic {
  streams: Set<LiveStream>;
  /** Streams still being sent what they missed; they join `streams` once caught up. */
  waiting: Set<{ stream: LiveStream }>;
  /** The last rev read for this live blog. */
  rev: number;
  reading: Promise<void> | undefined;
  again: boolean;
}

export class LiveHub {
  private readonly topics = new Map<number, Topic>();
  private readonly offs: Unsubscribe[] = [];
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBacklog: number;
  private closed = false;

  constructor(private readonly options: LiveHubOptions) {
    this.maxBacklog = options.maxBacklogBytes ?? 256 * 1024;
    this.offs.push(options.bus.subscribe(LIVE_CHANNEL, (message) => this.hear(message)));
    // Messages may have been lost while the bus reconnected: read every open live blog again.
    this.offs.push(options.bus.onGap(() => this.topics.forEach((_t, id) => this.read(id))));
    this.heartbeat = setInterval(() => this.broadcastAll(SSE_HEARTBEAT), options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** Open streams, for metrics and the benchmark. */
  get size(): number {
    let n = 0;
    for (const t of this.topics.values()) n += t.streams.size + t.waiting.size;
    return n;
  }

  /** Tells every process (this one included) that a live blog changed. */
  async announce(message: LiveMessage): Promise<void> {
    await this.options.bus.publish(LIVE_CHANNEL, JSON.stringify(message));
  }

  /**
   * Adds a stream of `articleId`, whose live blog was at `rev` when the request read it. The stream
   * is first sent every change after its own `lastSent` (a resume, or the page's rev), and joins the
   * broadcast only once it has caught up to what the hub has read, so nothing is skipped between
   * the two. Returns a function that removes it.
   */
  attach(articleId: number, stream: LiveStream, rev: number): () => void {
    if (this.closed) {
      stream.end();
      return () => undefined;
    }
    let topic = this.topics.get(articleId);
    if (!topic)
      this.topics.set(
        articleId,
        (topic = { streams: new Set(), waiting: new Set(), rev, reading: undefined, again: false }),
      );
    const joined = topic;
    // The request read `rev` before the hub had this live blog: changes in between are read again.
    if (joined.rev < rev) this.read(articleId);
    let removed = false;
    const pending = { stream };
    joined.waiting.add(pending);
    void (async () => {
      try {
        for (;;) {
          const events = await this.options.changesSince(articleId, stream.lastSent);
          if (removed || this.closed) return;
          this.send(stream, events);
          if (events.length === 0 || joined.rev <= stream.lastSent) break;
        }
        joined.waiting.delete(pending);
        joined.streams.add(stream);
      } catch (err) {
        this.options.log?.warn({ err, articleId }, "live stream could not catch up; closing it");
        stream.end();
      }
    })();
    return () => {
      removed = true;
      joined.waiting.delete(pending);
      this.detach(articleId, stream);
    };
  }

  /** Ends every stream (shutdown): readers reconnect, to this process's successor or another. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const off of this.offs) off();
    for (const topic of this.topics.values()) {
      for (const stream of topic.streams) stream.end();
      for (const { stream } of topic.waiting) stream.end();
    }
    this.topics.clear();
  }

  private detach(articleId: number, stream: LiveStream) {
    const topic = this.topics.get(articleId);
    if (!topic) return;
    topic.streams.delete(stream);
    if (topic.streams.size === 0 && topic.waiting.size === 0 && !topic.reading) this.topics.delete(articleId);
  }

  private hear(raw: string) {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      return;
    }
    if (!Number.isInteger(message.articleId)) return;
    this.options.onChange?.(message.articleId);
    const topic = this.topics.get(message.articleId);
    if (!topic) return;
    if (message.status) {
      this.broadcast(topic, [{ rev: 0, text: sseEvent("status", { status: message.status }) }], false);
    }
    if (message.rev === undefined || message.rev > topic.rev) this.read(message.articleId);
  }

  /** Reads the live blog's new changes once for all its streams; one read at a time per live blog. */
  private read(articleId: number): void {
    const topic = this.topics.get(articleId);
    if (!topic) return;
    if (topic.reading) {
      topic.again = true;
      return;
    }
    topic.reading = (async () => {
      do {
        topic.again = false;
        try {
          const events = await this.options.changesSince(articleId, topic.rev);
          const last = events.at(-1);
          if (last) topic.rev = Math.max(topic.rev, last.rev);
          this.broadcast(topic, events, true);
        } catch (err) {
          this.options.log?.warn({ err, articleId }, "live changes not read; the next change reads them");
        }
      } while (topic.again && !this.closed);
      topic.reading = undefined;
      if (topic.streams.size === 0 && topic.waiting.size === 0) this.topics.delete(articleId);
    })();
  }

  private broadcast(topic: Topic, events: LiveEvent[], ordered: boolean) {
    for (const stream of [...topic.streams]) {
      if (ordered) this.send(stream, events);
      else for (const e of events) this.write(stream, e.text);
    }
  }

  private send(stream: LiveStream, events: LiveEvent[]) {
    for (const e of events) {
      if (e.rev <= stream.lastSent) continue;
      stream.lastSent = e.rev;
      if (!this.write(stream, e.text)) return;
    }
  }

  private broadcastAll(text: string) {
    for (const topic of this.topics.values()) for (const stream of [...topic.streams]) this.write(stream, text);
  }

  /** Writes, or ends a stream too far behind (memory per stream stays bounded). */
  private write(stream: LiveStream, text: string): boolean {
    if (stream.backlog > this.maxBacklog) {
      stream.end();
      return false;
    }
    stream.write(text);
    return true;
  }
}
