import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseInput } from "./parse-input.js";

// A Server-Sent Events response (WHATWG HTML, "Server-sent events"), as the live blogs' and the
// banner's streams open it: the headers, the reconnection delay, and where a client resumes.
// What is sent, kept alive and ended on shutdown is up to the caller (live/live-hub.ts).

/** An event id: the rev of the change it carries. */
const eventId = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const streamQuery = z.object({ since: eventId.optional() });

/** One event in the stream's wire format; `id` is what the browser sends back as Last-Event-ID. */
export const sseEvent = (event: string, data: unknown, id?: number) =>
  `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A comment line: it keeps proxies and load balancers from closing a quiet stream. */
export const SSE_HEARTBEAT = ": heartbeat\n\n";

/**
 * Where the client asks to resume: a reconnecting browser names the last event it had
 * (Last-Event-ID); a page's first connection names the rev it was rendered at (`?since=`). An
 * unreadable header is ignored; a bad `since` is a 400. Undefined when it names neither.
 */
export function readResumePoint(req: FastifyRequest): number | undefined {
  const { since } = parseInput(streamQuery, req.query);
  const header = eventId.safeParse(req.headers["last-event-id"]);
  return header.success ? header.data : since;
}

/** An open stream: written to until it ends, or until the client goes away. */
export interface EventStream {
  write(text: string): void;
  /** Bytes written but not yet taken by the socket (a slow reader's backlog). */
  readonly backlog: number;
  /** Ends the response, after `text` when given. */
  end(text?: string): void;
  /** Runs `fn` once the connection closes, whoever closed it. */
  onClose(fn: () => void): void;
}

/** Takes the response from Fastify and starts the stream, telling the browser to retry after `retryMs`. */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, retryMs: number): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    // A hijacked reply skips Fastify's send: the headers hooks set so far (the request id) go out here.
    ...(reply.getHeaders() as Record<string, string>),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    // nginx and similar proxies would otherwise buffer the stream.
    "x-accel-buffering": "no",
  });
  req.socket.setNoDelay(true);
  res.write(`retry: ${retryMs}\n\n`);
  return {
    write: (text) => void res.write(text),
    get backlog() {
      return res.writableLength;
    },
    end: (text) => (text === undefined ? res.end() : res.end(text)),
    onClose: (fn) => void res.on("close", fn),
  };
}
