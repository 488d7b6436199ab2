import { formatLondon } from "../london-time.js";
import type { ArticleDraft } from "../types.js";

// What happened to the article: its corrections and updates as readers see them, and every move.

export function WorkflowHistory({ draft }: { draft: Pick<ArticleDraft, "notes" | "events"> }) {
  return (
    <>
      {draft.notes.length > 0 && (
        <>
          <h3>Corrections and updates</h3>
          <ul class="plain">
            {draft.notes.map((n) => (
              <li key={n.id}>
                <strong>{n.kind === "correction" ? "Correction" : "Update"}</strong> {formatLondon(n.createdAt)}:{" "}
                {n.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {draft.events.length > 0 && (
        <details>
          <summary>History ({draft.events.length})</summary>
          <ol class="plain">
            {draft.events.map((ev, i) => (
              <li key={i}>
                {formatLondon(ev.at)}: {ev.from} → {ev.to}
                {ev.user ? ` by ${ev.user}` : ""}
                {ev.note ? ` — “${ev.note}”` : ""}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
