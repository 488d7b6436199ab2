import { useState } from "preact/hooks";
import { api, withQuery } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { ImportResult, Newsletter, Subscriber } from "../newsletters/newsletter-types.js";
import { href } from "../router.js";

// Subscribers admin (issue 4): search by address, filter by newsletter and state, export what is
// shown as CSV, import a CSV into one newsletter with the server's line-by-line report. Confirmed
// status only when the importer asserts consent; without it, imported addresses stay pending.

const STATES = ["pending", "confirmed", "unsubscribed", "bouncing"] as const;

export function SubscribersView() {
  const newsletters = useLoad(() => api.get<{ items: Newsletter[] }>("/newsletters").then((r) => r.items), []);
  const [q, setQ] = useState("");
  const [filters, setFilters] = useState({ q: "", newsletter: "", status: "" });
  const [serial, setSerial] = useState(0);
  const [more, setMore] = useState<Subscriber[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const list = useLoad(async () => {
    setMore([]);
    const res = await api.get<{ items: Subscriber[]; next: number | null }>("/subscribers", filters);
    setNext(res.next);
    return res.items;
  }, [JSON.stringify(filters), serial]);
  const loadMore = async () => {
    if (next === null) return;
    const res = await api.get<{ items: Subscriber[]; next: number | null }>("/subscribers", {
      ...filters,
      cursor: next,
    });
    setMore((m) => [...m, ...res.items]);
    setNext(res.next);
  };
  const rows = [...(list.data ?? []), ...more];
  // Export takes no "bouncing" (a subscriber's state, not a subscription's): the rest of the filter applies.
  const exportHref = withQuery("/api/newsroom/subscribers/export.csv", {
    newsletter: filters.newsletter,
    status: filters.status === "bouncing" ? "" : filters.status,
  });
  return (
    <>
      <p class="hint">
        <a href={href("/newsletters")}>Newsletters</a>
      </p>
      <PageTitle title="Subscribers">Subscribers</PageTitle>
      <form
        class="filters"
        role="search"
        aria-label="Filter the subscribers"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: q.trim() });
        }}
      >
        <label>
          Search addresses
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <label>
          Newsletter
          <select
            value={filters.newsletter}
            onChange={(e) => setFilters({ ...filters, newsletter: e.currentTarget.value })}
          >
            <option value="">Any</option>
            {newsletters.data?.map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value })}>
            <option value="">Any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
        <a class="button" href={exportHref} download>
          Export CSV
        </a>
      </form>
      <ErrorNote error={list.error ?? newsletters.error} />
      {rows.length > 0 && (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Subscriptions</th>
              <th scope="col" class="wide-only">
                Since
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.email}
                  {(s.status !== "active" || s.paused || s.bounces > 0) && (
                    <div class="hint">
                      {s.status !== "active" ? s.status : ""}
                      {s.paused ? " paused" : ""}
                      {s.bounces ? ` · ${s.bounces} bounce${s.bounces === 1 ? "" : "s"}` : ""}
                    </div>
                  )}
                  {s.status !== "unsubscribed" && s.bounces > 0 && (
                    <ResetBounces subscriber={s} onDone={() => setSerial((n) => n + 1)} />
                  )}
                </td>
                <td>
                  <ul class="plain">
                    {s.subscriptions.map((sub) => (
                      <li key={sub.newsletter}>
                        {newsletters.data?.find((n) => n.slug === sub.newsletter)?.name ?? sub.newsletter}: {sub.status}
                      </li>
                    ))}
                  </ul>
                </td>
                <td class="wide-only">{formatLondon(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void loadMore()}>
          Show more
        </button>
      )}
      {!list.loading && !list.error && rows.length === 0 && <p class="empty">No subscribers match.</p>}
      <ImportForm newsletters={newsletters.data ?? []} onImported={() => setSerial((n) => n + 1)} />
    </>
  );
}

function ImportForm({ newsletters, onImported }: { newsletters: Newsletter[]; onImported: () => void }) {
  const [file, setFile] = useState<File>();
  const [newsletter, setNewsletter] = useState("");
  const [consent, setConsent] = useState(false);
  const [result, setResult] = useState<ImportResult>();
  const action = useAction();
  return (
    <form
      class="panel"
      aria-labelledby="import-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        setResult(undefined);
        void action.run(async () => {
          const form = new FormData();
          form.set("newsletter", newsletter);
          form.set("consent", consent ? "true" : "false");
          form.set("file", file);
          setResult(await api.upload<ImportResult>("/subscribers/import", form));
          onImported();
        });
      }}
    >
      <h2 id="import-h">Import from CSV</h2>
      <p class="hint">A header line naming an email column; addresses are deduplicated, whatever their case.</p>
      <div class="inline-form">
        <label>
          Into
          <select required value={newsletter} onChange={(e) => setNewsletter(e.currentTarget.value)}>
            <option value="">Choose a newsletter</option>
            {newsletters.map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          CSV file
          <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </label>
      </div>
      <label class="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
        These people agreed to receive it (import as confirmed; otherwise they stay pending and get nothing)
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={action.busy || !file || !newsletter}>
          Import
        </button>
      </div>
      <ErrorNote error={action.error} />
      <div role="status">
        {result && (
          <>
            {result.report.map((line) => (
              <p key={line}>{line}</p>
            ))}
            {result.skipped.length > 0 && (
              <ol class="plain line-errors" aria-label="Lines skipped">
                {result.skipped.map((s) => (
                  <li key={`${s.line}:${s.kind}`}>
                    Line {s.line} ({s.kind}): {s.reason}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </form>
  );
}

/** Clears an address's bounces so it receives again (never for one that unsubscribed). */
function ResetBounces({ subscriber, onDone }: { subscriber: Subscriber; onDone: () => void }) {
  const action = useAction();
  return (
    <div>
      <button
        type="button"
        class="small"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api.post(`/subscribers/${subscriber.id}/reset-bounces`, {});
            onDone();
          })
        }
      >
        Reset bounces <span class="sr-only">of {subscriber.email}</span>
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}
