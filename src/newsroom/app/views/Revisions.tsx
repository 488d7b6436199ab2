import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import { FIELD_LABELS } from "../labels.js";
import { formatLondon } from "../london-time.js";
import { docToText } from "../text.js";
import { DiffText, type WordChange } from "./DiffText.js";
import { type ArticleDraft, type DocNode, type Revision, nameOf } from "../types.js";

// Revisions: list, view one, compare two (the server's word-level diff), restore one. What a
// button shows takes focus (its heading), so a screen reader reads on from there.

interface Compared {
  fields: { field: string; changes: WordChange[] }[];
}
interface RevisionDetail {
  id: number;
  version: number;
  user: Revision["user"];
  createdAt: string;
  snapshot: { headline?: string; standfirst?: string; body?: DocNode };
}

export function RevisionsPanel(props: {
  articleId: number;
  version: number;
  baseVersion: () => number;
  beforeRestore: () => Promise<boolean>;
  onRestored: (draft: ArticleDraft) => void;
}) {
  const { articleId, version } = props;
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Revision[]>();
  const [picked, setPicked] = useState<number[]>([]);
  const [viewing, setViewing] = useState<RevisionDetail>();
  const [compared, setCompared] = useState<Compared>();
  const action = useAction();

  const load = () =>
    void action.run(async () => {
      const res = await api.get<{ items: Revision[] }>(`/articles/${articleId}/revisions`);
      setItems(res.items);
    });
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const compare = () =>
    void action.run(async () => {
      const [a, b] = [...picked].sort((x, y) => x - y);
      setViewing(undefined);
      const diff = await api.get<Compared>(`/articles/${articleId}/compare`, { a, b });
      setCompared(diff);
      void focusAfterRender(["#revision-diff-title"]);
    });
  const view = (id: number) =>
    void action.run(async () => {
      setCompared(undefined);
      setViewing(await api.get<RevisionDetail>(`/articles/${articleId}/revisions/${id}`));
      void focusAfterRender(["#revision-view-title"]);
    });
  const restore = (id: number) =>
    void action.run(async () => {
      if (!(await props.beforeRestore())) throw new Error("Settle the save conflict first");
      const draft = await api.post<ArticleDraft>(`/articles/${articleId}/revisions/${id}/restore`, {
        baseVersion: props.baseVersion(),
      });
      const restored = items?.find((r) => r.id === id)?.version;
      props.onRestored(draft);
      setViewing(undefined);
      load();
      announce(
        draft.status === "published"
          ? `Version ${restored} restored as unpublished changes`
          : `Version ${restored} restored`,
      );
      void focusAfterRender([attr("aria-label", `Restore version ${restored}`), "#headline"]);
    });

  return (
    <details
      class="revisions"
      open={open}
      onToggle={(e) => {
        const isOpen = (e.currentTarget as HTMLDetailsElement).open;
        setOpen(isOpen);
        if (isOpen) load();
      }}
    >
      <summary>Revisions</summary>
      <ErrorNote error={action.error} />
      {items && items.length === 0 && <p>No revisions yet.</p>}
      {items && items.length > 0 && (
        <>
          <p class="hint">Tick two to compare them. Version {version} is the current one.</p>
          <ul class="plain revision-list">
            {items.map((r) => (
              <li key={r.id}>
                <label class="check">
                  <input type="checkbox" checked={picked.includes(r.id)} onChange={() => toggle(r.id)} />v{r.version} ·{" "}
                  {formatLondon(r.updatedAt ?? r.createdAt)} · {nameOf(r.user)}
                  {r.note ? ` · ${r.note}` : ""}
                </label>
                <span class="row-actions">
                  <button
                    type="button"
                    class="small"
                    onClick={() => view(r.id)}
                    aria-label={`View version ${r.version}`}
                  >
                    View
                  </button>
                  <button
                    type="button"
                    class="small"
                    onClick={() => restore(r.id)}
                    aria-label={`Restore version ${r.version}`}
                  >
                    Restore
                  </button>
                </span>
              </li>
            ))}
          </ul>
          <button type="button" disabled={picked.length !== 2 || action.busy} onClick={compare}>
            Compare the two ticked
          </button>
        </>
      )}
      {viewing && (
        <section class="revision-view" aria-label={`Version ${viewing.version}`}>
          <h3 id="revision-view-title" tabIndex={-1}>
            Version {viewing.version}, {formatLondon(viewing.createdAt)}
          </h3>
          <p>
            <strong>{viewing.snapshot.headline}</strong>
          </p>
          <p>{viewing.snapshot.standfirst}</p>
          <div class="revision-text">{docToText(viewing.snapshot.body)}</div>
        </section>
      )}
      {compared && (
        <section class="diff" aria-label="Differences">
          <h3 id="revision-diff-title" tabIndex={-1}>
            Differences
          </h3>
          {compared.fields.length === 0 && <p>The two versions are the same.</p>}
          {compared.fields.map((f) => (
            <div key={f.field}>
              <h4>{FIELD_LABELS[f.field] ?? f.field}</h4>
              <DiffText changes={f.changes} />
            </div>
          ))}
        </section>
      )}
    </details>
  );
}
