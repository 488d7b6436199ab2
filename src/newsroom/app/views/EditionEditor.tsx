import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import {
  type EditionDraft,
  cutEditionItem,
  draftOf,
  editionChanges,
  moveEditionItem,
  setItemLine,
} from "../newsletters/edition-edits.js";
import { type EditionDetail, isEditable } from "../newsletters/newsletter-types.js";
import { EditionAddStory } from "./EditionAddStory.js";
import { MoveButtons, useDragOrder } from "./sortable.js";

// An edition's contents: the intro, the items reordered by drag and drop or Up/Down buttons (the
// keyboard way, WCAG 2.5.7), cut, and their one-line summaries; saved against the version loaded.

export function EditionEditor(props: {
  edition: EditionDetail;
  draft: EditionDraft;
  setDraft: (d: EditionDraft) => void;
  onSaved: (e: EditionDetail) => void;
}) {
  const { edition, draft, setDraft } = props;
  const [announce, setAnnounce] = useState("");
  const action = useAction();
  const editable = isEditable(edition);
  const changes = editionChanges(edition, draft);
  const move = (from: number, to: number) => {
    const item = draft.items[from]!;
    const next = moveEditionItem(draft, from, to);
    if (next === draft) return;
    setDraft(next);
    setAnnounce(`${item.title} moved to position ${to + 1} of ${draft.items.length}`);
  };
  const dragRow = useDragOrder(move);
  const save = (e: Event) => {
    e.preventDefault();
    if (!changes) return;
    void action.run(async () => {
      try {
        props.onSaved(await api.put<EditionDetail>(`/editions/${edition.id}`, changes));
        setAnnounce("Edition saved.");
      } catch (err) {
        const current = err instanceof ApiError ? (err.details as { current?: EditionDetail })?.current : undefined;
        if (current) {
          props.onSaved(current);
          throw new Error("Someone changed this edition meanwhile: their version is shown; make your changes again.");
        }
        throw err;
      }
    });
  };
  return (
    <form class="panel" aria-labelledby="edition-edit-h" onSubmit={save}>
      <h2 id="edition-edit-h">Contents</h2>
      {!editable && <p class="hint">This edition is {edition.status}: it can no longer change.</p>}
      <p class="field">
        <label for="edition-intro">Intro</label>
        <textarea
          id="edition-intro"
          rows={3}
          maxLength={1000}
          disabled={!editable}
          value={draft.intro}
          onInput={(e) => setDraft({ ...draft, intro: e.currentTarget.value })}
        />
      </p>
      {editable && <p class="hint">Drag an item, or use its Up and Down buttons. Cut leaves it out of this edition.</p>}
      {/* Stories can be introduced into the Morning Headlines and digests; a video edition keeps its videos. */}
      <ol class="ordered sortable edition-items">
        {draft.items.map((item, i) => (
          <li key={item.id} {...dragRow(i, editable)}>
            {editable && (
              <span class="grip" aria-hidden="true">
                ⋮⋮
              </span>
            )}
            <span class="grow">
              <strong>{item.url ? <a href={item.url}>{item.title}</a> : item.title}</strong>
              <label class="sr-only" for={`line-${item.id}`}>
                Line for “{item.title}”
              </label>
              <input
                id={`line-${item.id}`}
                class="edition-line"
                placeholder="Left empty: the story's standfirst"
                maxLength={400}
                disabled={!editable}
                value={item.line}
                onInput={(e) => setDraft(setItemLine(draft, item.id, e.currentTarget.value))}
              />
            </span>
            {editable && (
              <span class="row-actions">
                <MoveButtons index={i} count={draft.items.length} title={item.title} move={move} />
                <button
                  type="button"
                  class="small"
                  disabled={draft.items.length === 1}
                  onClick={() => {
                    setDraft(cutEditionItem(draft, item.id));
                    setAnnounce(`${item.title} cut from the edition`);
                  }}
                  aria-label={`Cut “${item.title}”`}
                >
                  Cut
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {editable && takesStories(edition) && <EditionAddStory draft={draft} setDraft={setDraft} />}
      <ErrorNote error={action.error} />
      {editable && (
        <div class="actions">
          <button type="submit" class="primary" disabled={action.busy || !changes}>
            Save the edition
          </button>
          <button type="button" disabled={action.busy || !changes} onClick={() => setDraft(draftOf(edition))}>
            Undo changes
          </button>
        </div>
      )}
      <p class="sr-only" role="status">
        {announce}
      </p>
    </form>
  );
}

const takesStories = (e: EditionDetail) => e.newsletter !== "video" && e.newsletter !== "breaking-news";
