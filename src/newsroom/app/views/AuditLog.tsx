import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { type AuditEntry, nameOf } from "../types.js";

// Who did what to which article or setting, when, from where.

export function AuditLog() {
  const [subjectType, setSubjectType] = useState("");
  const [subjectId, setSubjectId] = useState("");
  const [filters, setFilters] = useState({ subjectType: "", subjectId: "" });
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const action = useAction();
  const list = useLoad(async () => {
    setMore([]);
    const res = await api.get<{ items: AuditEntry[]; next: string | null }>("/audit", filters);
    setNext(res.next);
    return res.items;
  }, [filters.subjectType, filters.subjectId]);
  const rows = [...(list.data ?? []), ...more];
  return (
    <>
      <PageTitle title="Audit log">Audit log</PageTitle>
      <form
        class="filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ subjectType, subjectId: subjectId.trim() });
        }}
      >
        <label>
          Subject
          <select value={subjectType} onChange={(e) => setSubjectType(e.currentTarget.value)}>
            <option value="">Any</option>
            <option value="article">Articles</option>
            <option value="user">Users</option>
            <option value="section">Sections</option>
            <option value="tag">Tags</option>
            <option value="author">Authors</option>
            <option value="media">Media</option>
            <option value="frontpage">Front page</option>
          </select>
        </label>
        <label>
          Number <input value={subjectId} onInput={(e) => setSubjectId(e.currentTarget.value)} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <ErrorNote error={list.error ?? action.error} />
      <table class="list">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col" class="wide-only">
              From
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatLondon(r.at ?? r.createdAt)}</td>
              <td>{r.user !== undefined ? nameOf(r.user) : (r.userId ?? "—")}</td>
              <td>{r.action}</td>
              <td>
                {r.subjectType} {r.subjectId}
              </td>
              <td class="wide-only">{r.ip ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const res = await api.get<{ items: AuditEntry[]; next: string | null }>("/audit", {
                ...filters,
                cursor: next,
              });
              setMore((m) => [...m, ...res.items]);
              setNext(res.next);
            })
          }
        >
          Older entries
        </button>
      )}
    </>
  );
}
