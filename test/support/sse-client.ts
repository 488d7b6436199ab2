import http from "node:http";

// A minimal Server-Sent Events client for tests and the benchmark: it parses the stream as the
// EventSource standard says (fields, blank line ends an event, comments ignored) and lets the test
// drop the connection and resume with Last-Event-ID, as a browser does.

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseConnection {
  events: SseEvent[];
  /** Comment lines seen (heartbeats). */
  comments: number;
  /** The last event id received, as a browser would send it back. */
  lastEventId: string | undefined;
  status: Promise<number>;
  ended: Promise<void>;
  onEvent: ((e: SseEvent) => void) | undefined;
  drop(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): SseConnection {
  let resolveStatus!: (n: number) => void;
  let resolveEnd!: () => void;
  const conn: SseConnection = {
    events: [],
    comments: 0,
    lastEventId: undefined,
    status: new Promise((r) => (resolveStatus = r)),
    ended: new Promise((r) => (resolveEnd = r)),
    onEvent: undefined,
    drop: () => req.destroy(),
  };
  const req = http.get(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding("utf8");
    let buffer = "";
    let current: { id?: string; event?: string; data: string[] } = { data: [] };
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        if (line === "") {
          if (current.data.length > 0) {
            const e = { id: current.id, event: current.event ?? "message", data: current.data.join("\n") };
            if (e.id !== undefined) conn.lastEventId = e.id;
            conn.events.push(e);
            conn.onEvent?.(e);
          }
          current = { data: [] };
          continue;
        }
        if (line.startsWith(":")) {
          conn.comments++;
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") current.data.push(value);
        else if (field === "id") current.id = value;
        else if (field === "event") current.event = value;
      }
    });
    res.on("end", resolveEnd);
    res.on("close", resolveEnd);
  });
  req.on("error", () => {
    resolveStatus(0);
    resolveEnd();
  });
  return conn;
}

export async function until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
