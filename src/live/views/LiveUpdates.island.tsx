import { useEffect, useRef, useState } from "preact/hooks";
import { type EntryChange, applyChange, insertAtTop, markClosed, readerAtTop } from "./live-dom.js";

export interface LiveUpdatesProps {
  articleId: number;
  /** The rev the page was rendered at: the stream starts after it. */
  rev: number;
  events: string;
  poll: string;
}

const POLL_MS = 5_000;
/** Without a working stream after this, the page polls instead (a proxy that buffers, for one). */
const STREAM_GRACE_MS = 10_000;
/** The polling JSON holds this many changes (live-stream.routes.ts POLL_CHANGES). */
const POLL_CHANGES = 20;

const plural = (n: number) => `${n} new update${n === 1 ? "" : "s"}`;

/**
 * The live blog's stream on an open page (docs/adr/028): new, edited and deleted entries arrive
 * over Server-Sent Events (polling a small JSON when a stream cannot be held). At the top of the
 * list a new entry appears in place; further down it waits behind a "N new updates" button, also
 * counted in the tab's title, so nothing moves under the reader's eyes. Renders only a status line
 * on the server: without JavaScript the page is a plain paged live blog.
 */
export function LiveUpdates({ rev, events, poll }: LiveUpdatesProps) {
  const [count, setCount] = useState(0);
  /** New entries waiting behind the button, oldest first. */
  const held = useRef<HTMLLIElement[]>([]);
  const [notice, setNotice] = useState("");
  const [reload, setReload] = useState(false);
  /** How the page listens, for readers' tools and tests: "" (server), stream, polling, closed. */
  const [mode, setMode] = useState("");
  const title = useRef("");

  useEffect(() => {
    title.current = document.title;
    let last = rev;
    let closed = false;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const take = (change: EntryChange) => {
      if (change.rev <= last) return;
      last = change.rev;
      const item = applyChange(change);
      // An entry still behind the button that changed again: replaced there, or gone.
      const waiting = held.current.findIndex((li) => li.querySelector(`[data-entry="${change.id}"]`));
      if (waiting >= 0) {
        if (item) held.current[waiting] = item;
        else if (!change.html) held.current.splice(waiting, 1);
        setCount(held.current.length);
        return;
      }
      if (!item) return;
      if (readerAtTop() && held.current.length === 0) {
        insertAtTop([item]);
        setNotice(change.title ? `New update: ${change.title}` : "New update");
      } else {
        held.current.push(item);
        setCount(held.current.length);
      }
    };
    const close = () => {
      closed = true;
      source?.close();
      clearTimeout(timer);
      markClosed();
      setMode("closed");
      setNotice("This live blog has ended.");
    };
    const pollOnce = async () => {
      try {
        const res = await fetch(poll, { cache: "no-cache", headers: { accept: "application/json" } });
        if (res.ok) {
          const data = (await res.json()) as { rev: number; status: string; changes: EntryChange[] };
          const first = data.changes[0];
          // Further behind than the JSON reaches: only a fresh page is complete.
          if (first && data.changes.length >= POLL_CHANGES && first.rev > last + 1) {
            if (readerAtTop()) location.reload();
            else setReload(true);
            return;
          }
          data.changes.forEach(take);
          if (data.status === "closed") return close();
        }
      } catch {
        // Offline for a moment: the next poll tries again.
      }
      if (!closed) timer = setTimeout(() => void pollOnce(), POLL_MS);
    };
    const fallBack = () => {
      source?.close();
      source = undefined;
      setMode("polling");
      if (!closed) void pollOnce();
    };

    if (typeof EventSource === "undefined") fallBack();
    else {
      source = new EventSource(`${events}?since=${rev}`);
      let opened = false;
      timer = setTimeout(() => opened || fallBack(), STREAM_GRACE_MS);
      source.onopen = () => {
        opened = true;
        setMode("stream");
      };
      source.addEventListener("entry", (e) => take(JSON.parse((e as MessageEvent<string>).data) as EntryChange));
      source.addEventListener("status", (e) => {
        if ((JSON.parse((e as MessageEvent<string>).data) as { status: string }).status === "closed") close();
      });
      // The browser reconnects by itself (with Last-Event-ID); CLOSED means it gave up.
      source.onerror = () => source?.readyState === EventSource.CLOSED && !closed && fallBack();
    }
    return () => {
      closed = true;
      source?.close();
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (!title.current) return;
    document.title = count > 0 ? `(${count}) ${title.current}` : title.current;
    if (count > 0) setNotice(plural(count));
  }, [count]);

  const show = () => {
    if (reload) return location.reload();
    insertAtTop(held.current);
    const newest = held.current.at(-1)?.querySelector<HTMLElement>(".live-entry");
    held.current = [];
    setCount(0);
    setNotice("");
    if (newest) {
      newest.tabIndex = -1;
      newest.scrollIntoView({ block: "start" });
      newest.focus({ preventScroll: true });
    }
  };

  return (
    <div class="live-updates" data-live={mode || undefined}>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      {(count > 0 || reload) && (
        <button type="button" class="live-new" onClick={show}>
          {reload ? "New updates: reload" : plural(count)}
        </button>
      )}
    </div>
  );
}
