import { useEffect, useRef, useState } from "preact/hooks";
import type { SaveState } from "../autosave.js";
import { type FieldConflict, type Side, compareVersions, resolvePatch, theirOtherChanges } from "../conflict.js";
import { formatLondon } from "../london-time.js";
import { docToText } from "../text.js";
import { FIELD_LABELS as LABELS } from "../labels.js";
import type { ArticleDraft, DocNode, DraftFields, DraftPatch, FieldName } from "../types.js";

// The save state, announced politely to screen readers, and the conflict view.

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  let text: string;
  switch (state.kind) {
    case "saved":
      text = state.at ? `Saved ${formatLondon(state.at)}` : "Saved";
      break;
    case "pending":
      text = "Unsaved changes…";
      break;
    case "saving":
      text = "Saving…";
      break;
    case "offline":
      text = "Offline: your edits are kept on this device and saved when the connection returns";
      break;
    case "error":
      text = `Not saved: ${state.message}`;
      break;
    case "conflict":
      text = "Not saved: someone else saved a newer version";
      break;
  }
  return (
    <div class={`save-status save-${state.kind}`}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {state.kind === "error" && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function show(field: FieldName, value: unknown): string {
  if (field === "body") return docToText(value as DocNode) || "(empty)";
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(none)";
  return String(value);
}

export function ConflictView({
  state,
  current,
  onResolve,
}: {
  state: Extract<SaveState, { kind: "conflict" }>;
  current: DraftFields;
  onResolve: (theirs: ArticleDraft, patch: DraftPatch) => void;
}) {
  // Edits typed while this view is open are part of "mine".
  const mine: DraftPatch = { ...state.mine };
  for (const k of Object.keys(state.mine) as FieldName[]) (mine as Record<string, unknown>)[k] = current[k];
  const conflicts: FieldConflict[] = compareVersions(state.base, mine, state.theirs);
  const [choices, setChoices] = useState<Partial<Record<FieldName, Side>>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  // Announce the conflict once by moving focus to it; later renders (typing on) leave focus be.
  useEffect(() => heading.current?.focus(), []);
  const theirsOnly = theirOtherChanges(state.base, mine, state.theirs);
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1} ref={heading}>
        Someone else saved this article
      </h2>
      <p>
        Version {state.theirs.version} was saved {formatLondon(state.theirs.updatedAt)} while you were editing. Nothing
        you typed is lost: choose, field by field, which to keep.
      </p>
      {theirsOnly.length > 0 && (
        <p>
          They also changed {theirsOnly.map((f) => LABELS[f] ?? f).join(", ")}, which you had not touched: their version
          of {theirsOnly.length === 1 ? "it" : "those"} stays.
        </p>
      )}
      {conflicts.length === 0 ? (
        <p>Your edits and theirs are the same.</p>
      ) : (
        <table class="conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Theirs</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => {
              const side = choices[c.field] ?? "mine";
              const name = `choice-${c.field}`;
              return (
                <tr key={c.field}>
                  <th scope="row">
                    {LABELS[c.field] ?? c.field}
                    {c.clash && <span class="hint"> (both changed)</span>}
                  </th>
                  {(["mine", "theirs"] as const).map((s) => (
                    <td key={s} class={side === s ? "chosen" : ""}>
                      <label class="check">
                        <input
                          type="radio"
                          name={name}
                          checked={side === s}
                          onChange={() => setChoices({ ...choices, [c.field]: s })}
                        />
                        Keep {s === "mine" ? "yours" : "theirs"}
                      </label>
                      <div class="conflict-value">{show(c.field, s === "mine" ? c.mine : c.theirs)}</div>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={() => onResolve(state.theirs, resolvePatch(conflicts, choices))}>
          Save my choices
        </button>
        <button
          type="button"
          onClick={() =>
            onResolve(
              state.theirs,
              resolvePatch(conflicts, Object.fromEntries(conflicts.map((c) => [c.field, "mine"]))),
            )
          }
        >
          Keep all of mine
        </button>
        <button
          type="button"
          onClick={() => {
            // Their version wins; a copy of mine stays on this device for the record.
            try {
              localStorage.setItem(
                `ld:newsroom:discarded:${state.theirs.id}:${Date.now()}`,
                JSON.stringify({ version: state.theirs.version, mine }),
              );
            } catch {
              // Storage refused: the person chose to discard.
            }
            onResolve(state.theirs, {});
          }}
        >
          Take theirs
        </button>
      </div>
    </section>
  );
}
