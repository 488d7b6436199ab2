import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href, navigate } from "../router.js";
import { type ProviderStatus, type QueueItem, urgencyLabel } from "./wire-types.js";
import { WireItemView } from "./WireItemView.js";

// The wire queue: agency and partner copy, newest first, filtered by provider, urgency and words;
// an item opens beside the list (or below it on a phone) with "Use this".

const REFRESH_MS = 30_000;

export function WireQueue({ itemId }: { itemId?: number }) {
  const can = useCan();
  const [draft, setDraft] = useState({ provider: "", urgency: "", q: "" });
  const [filters, setFilters] = useState(draft);
  const [more, setMore] = useState<QueueItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const action = useAction();
  const providers = useLoad(() => api.get<{ items: ProviderStatus[] }>("/wire/providers").then((r) => r.items), []);
  const list = useLoad(async () => {
    setMore([]);
    const res = await api.get<{ items: QueueItem[]; next: string | null }>("/wire/items", filters);
    setNext(res.next);
    return res.items;
  }, [filters.provider, filters.urgency, filters.q]);
  // New copy arrives while the desk watches: the first page refreshes itself.
  useEffect(() => {
    const timer = setInterval(() => list.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [list.reload]);
  const rows = [...(list.data ?? []), ...more];
  const failing = (providers.data ?? []).filter((p) => p.enabled && (p.failures > 0 || p.quiet));
  return (
    <>
      <PageTitle title="Wire">Wire</PageTitle>
      {can("wire.manage") && (
        <p>
          <a href={href("/wire/providers")}>Providers</a>
        </p>
      )}
      {failing.map((p) => (
        <p key={p.id} class="note note-warn">
          {p.name}:{" "}
          {p.failures > 0 ? `failing (${p.lastError ?? "no detail"})` : "has gone quiet: nothing new for a while"}
        </p>
      ))}
      <form
        class="filters"
        role="search"
        aria-label="Filter the wire"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft, q: draft.q.trim() });
        }}
      >
        <label>
          Provider
          <select value={draft.provider} onChange={(e) => setDraft({ ...draft, provider: e.currentTarget.value })}>
            <option value="">All</option>
            {(providers.data ?? []).map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Urgency
          <select value={draft.urgency} onChange={(e) => setDraft({ ...draft, urgency: e.currentTarget.value })}>
            <option value="">Any</option>
            <option value="1">Flash only</option>
            <option value="2">Urgent and above</option>
            <option value="4">Priority and above</option>
          </select>
        </label>
        <label>
          Words{" "}
          <input type="search" value={draft.q} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <ErrorNote error={list.error ?? action.error} />
      <div class={itemId ? "wire-split" : undefined}>
        <table class="list wire-list" aria-label="Wire items, newest first">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Source</th>
              <th scope="col" class="wide-only">
                Urgency
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr
                key={item.id}
                class={item.killed ? "wire-killed" : undefined}
                aria-current={item.id === itemId ? "true" : undefined}
              >
                <td>
                  <a href={href(`/wire/${item.id}`)}>{item.headline}</a>
                  {item.killed && <span class="badge-breaking"> Killed</span>}
                  {item.embargoAt && Date.parse(item.embargoAt) > Date.now() && (
                    <span class="badge-pending"> Embargoed</span>
                  )}
                  {item.version > 1 && <span class="wire-version"> v{item.version}</span>}
                  {item.uses > 0 && <span class="wire-version"> · used</span>}
                </td>
                <td>{item.credit || item.provider}</td>
                <td class="wide-only">{urgencyLabel(item.urgency)}</td>
                <td>{formatLondon(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {itemId && <WireItemView key={itemId} id={itemId} onClose={() => navigate("/wire")} />}
      </div>
      {!list.loading && rows.length === 0 && <p class="empty">Nothing on the wire matches.</p>}
      {next && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const res = await api.get<{ items: QueueItem[]; next: string | null }>("/wire/items", {
                ...filters,
                before: next,
              });
              setMore((m) => [...m, ...res.items]);
              setNext(res.next);
            })
          }
        >
          Older items
        </button>
      )}
    </>
  );
}
