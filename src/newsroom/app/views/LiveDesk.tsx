import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href } from "../router.js";
import { docToText } from "../text.js";
import type { ArticleDraft, DocNode } from "../types.js";
import type { LiveEntryJson } from "../../../live/live.api.js";
import { LiveComposer } from "./LiveComposer.js";

// The live blog desk (/newsroom/articles/:id/live, docs/adr/028): the composer on top, then every
// entry, newest first, with its actions. Several journalists work here at once: the desk asks
// for the changes after the last one it has every two seconds, so others' entries land by
// themselves, marked new until looked at.

const POLL_MS = 2_000;

interface LiveState {
  live: { status: "open" | "closed"; startedAt: string; endedAt: string | null; rev: number } | null;
  entries: LiveEntryJson[];
  draft: { title: string; body: DocNode } | null;
  publishes: boolean;
}

export function LiveDesk({ id }: { id: number }) {
  const article = useLoad(() => api.get<ArticleDraft>(`/articles/${id}`), [id]);
  const state = useLoad(() => api.get<LiveState>(`/articles/${id}/live`), [id]);
  if (article.error || state.error) return <ErrorNote error={article.error ?? state.error} />;
  if (!article.data || !state.data) return <p aria-live="polite">Opening the live blog…</p>;
  return <Desk article={article.data} initial={state.data} />;
}

/** Merges changes (newest version of each entry wins; deleted ones go), newest first. */
function merge(entries: LiveEntryJson[], changes: LiveEntryJson[]): LiveEntryJson[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const c of changes) {
    const had = byId.get(c.id);
    if (had && had.rev > c.rev) continue;
    if (c.deleted) byId.delete(c.id);
    else byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => b.postedAt.localeCompare(a.postedAt) || b.id - a.id);
}

function Desk({ article, initial }: { article: ArticleDraft; initial: LiveState }) {
  const [live, setLive] = useState(initial.live);
  const [entries, setEntries] = useState(initial.entries);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<LiveEntryJson | null>(null);
  const action = useAction();
  const rev = live?.rev ?? 0;

  useEffect(() => {
    if (!live) return;
    let stop = false;
    let after = rev;
    const tick = async () => {
      try {
        const res = await api.get<{ rev: number; changes: LiveEntryJson[] }>(`/articles/${article.id}/live-entries`, {
          after,
        });
        after = Math.max(after, res.rev);
        if (res.changes.length > 0) {
          setEntries((list) => merge(list, res.changes));
          const known = new Set(entries.map((e) => e.id));
          setFresh((f) => new Set([...f, ...res.changes.filter((c) => !known.has(c.id)).map((c) => c.id)]));
        }
      } catch {
        // Offline for a moment: the next tick asks again.
      }
      if (!stop) timer = setTimeout(() => void tick(), POLL_MS);
    };
    let timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [live !== null]);

  const setStatus = (status: "open" | "closed" | null) =>
    action.run(async () => {
      const res = await api.put<{ live: LiveState["live"] }>(`/articles/${article.id}/live`, { status });
      setLive(res.live);
      if (!res.live) setEntries([]);
    });
  const change = (entry: LiveEntryJson, patch: object) =>
    action.run(async () => {
      const updated = await api.put<LiveEntryJson>(`/articles/${article.id}/live-entries/${entry.id}`, patch);
      setEntries((list) => merge(list, [updated]));
    });
  const remove = (entry: LiveEntryJson) =>
    confirm(`Delete this entry${entry.title ? ` (“${entry.title}”)` : ""}? Readers see it go at once.`) &&
    action.run(async () => {
      await api.delete(`/articles/${article.id}/live-entries/${entry.id}`);
      setEntries((list) => list.filter((e) => e.id !== entry.id));
    });

  const title = article.headline || "Untitled article";
  const publicUrl = article.status === "published" ? article.url : null;
  return (
    <div class="live-desk">
      <div class="view-head">
        <PageTitle title={`Live: ${title}`}>{title}</PageTitle>
        {live && <span class={`status status-live-${live.status}`}>{live.status === "open" ? "Live" : "Closed"}</span>}
        <a href={href(`/articles/${article.id}`)}>Edit the article</a>
        {publicUrl && <a href={publicUrl}>View on the site</a>}
      </div>
      <ErrorNote error={action.error} />
      {!live ? (
        <p>
          This article is not a live blog.{" "}
          <button type="button" class="primary" disabled={action.busy} onClick={() => void setStatus("open")}>
            Make it a live blog
          </button>
        </p>
      ) : (
        <>
          <p class="live-desk-state">
            {live.status === "open" ? (
              <button type="button" disabled={action.busy} onClick={() => void setStatus("closed")}>
                Close the live blog
              </button>
            ) : (
              <button type="button" disabled={action.busy} onClick={() => void setStatus("open")}>
                Reopen the live blog
              </button>
            )}
          </p>
          <LiveComposer
            articleId={article.id}
            draft={initial.draft}
            editing={editing}
            publishes={initial.publishes}
            onCancelEdit={() => setEditing(null)}
            onDone={(entry) => {
              setEntries((list) => merge(list, [entry]));
              setEditing(null);
            }}
          />
          <h2 id="entries-title">Entries ({entries.length})</h2>
          <ol class="live-desk-entries" aria-labelledby="entries-title">
            {entries.map((e) => (
              <li
                key={e.id}
                class={`live-desk-entry${fresh.has(e.id) ? " is-new" : ""}`}
                onFocusCapture={() => fresh.has(e.id) && setFresh((f) => new Set([...f].filter((x) => x !== e.id)))}
              >
                <p class="live-desk-meta">
                  <time dateTime={e.postedAt}>{formatLondon(e.postedAt)}</time> · {e.authorName || "Newsroom"}
                  {e.status === "in_review" && <span class="status status-in_review">In review</span>}
                  {e.pinned && <span class="status">Pinned</span>}
                  {e.keyEvent && <span class="status">Key event</span>}
                  {fresh.has(e.id) && <span class="status status-new">New</span>}
                  {e.editedAt && <span> · updated {formatLondon(e.editedAt)}</span>}
                </p>
                {e.title && <h3>{e.title}</h3>}
                <p class="live-desk-text">{docToText(e.body as DocNode).slice(0, 400)}</p>
                <p class="live-desk-actions">
                  <button type="button" onClick={() => setEditing(e)}>
                    Edit
                  </button>
                  <button type="button" onClick={() => void change(e, { pinned: !e.pinned })}>
                    {e.pinned ? "Unpin" : "Pin"}
                  </button>
                  <button type="button" onClick={() => void change(e, { keyEvent: !e.keyEvent })}>
                    {e.keyEvent ? "Not a key event" : "Key event"}
                  </button>
                  {e.status === "in_review" && initial.publishes && (
                    <button type="button" class="primary" onClick={() => void change(e, { publish: true })}>
                      Approve
                    </button>
                  )}
                  <button type="button" class="danger" onClick={() => void remove(e)}>
                    Delete
                  </button>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
