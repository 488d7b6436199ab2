import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender } from "../a11y/focus.js";
import { useLoad } from "../hooks.js";
import { loadAuthors } from "../lookups.js";
import type { Ref } from "../types.js";

/** The story's authors in byline order: added from the author profiles, moved up or down, removed. */
export function AuthorPicker(props: { ids: number[]; known: Ref[]; onChange: (ids: number[]) => void }) {
  const { ids, known, onChange } = props;
  const authors = useLoad(loadAuthors, []);
  const [choice, setChoice] = useState("");
  const name = (id: number) =>
    authors.data?.find((a) => a.id === id)?.name ?? known.find((a) => a.id === id)?.name ?? `Author ${id}`;
  const move = (i: number, by: number) => {
    const next = [...ids];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
    const who = name(item!);
    announce(`${who} moved to position ${i + by + 1} of ${ids.length}`);
    // The pressed arrow may now be disabled (first or last place): then its twin.
    const [same, other] = by < 0 ? ["up", "down"] : ["down", "up"];
    void focusAfterRender([attr("aria-label", `Move ${who} ${same}`), attr("aria-label", `Move ${who} ${other}`)]);
  };
  const remove = (i: number) => {
    const id = ids[i]!;
    const next = ids.filter((a) => a !== id);
    onChange(next);
    announce(`${name(id)} removed from the byline`);
    const neighbour = next[i] ?? next[i - 1];
    void focusAfterRender([neighbour ? attr("aria-label", `Remove ${name(neighbour)}`) : null, "#add-author"]);
  };
  // A choice is added by the button, never by moving through the options (issue 18).
  const add = () => {
    const id = Number(choice);
    if (!id || ids.includes(id)) return;
    onChange([...ids, id]);
    setChoice("");
    announce(`${name(id)} added to the byline`);
    void focusAfterRender(["#add-author"]);
  };
  return (
    <fieldset class="field picker">
      <legend>Authors (in byline order)</legend>
      <ol class="ordered">
        {ids.map((id, i) => (
          <li key={id}>
            <span>{name(id)}</span>
            <span class="row-actions">
              <button
                type="button"
                class="small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={`Move ${name(id)} up`}
              >
                ↑
              </button>
              <button
                type="button"
                class="small"
                disabled={i === ids.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`Move ${name(id)} down`}
              >
                ↓
              </button>
              <button type="button" class="small" onClick={() => remove(i)} aria-label={`Remove ${name(id)}`}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <label for="add-author">Add an author</label>
      <span class="choose-add">
        <select
          id="add-author"
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && choice) {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">Choose…</option>
          {authors.data
            ?.filter((a) => !ids.includes(a.id) && a.mayByline !== false)
            .map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
        </select>
        <button type="button" class="small" disabled={!choice} onClick={add}>
          Add<span class="sr-only"> author</span>
        </button>
      </span>
      {authors.data?.some((a) => a.mayByline === false) && (
        <p class="hint" id="author-hint">
          You can add yourself and the co-authors editors allow; an editor adds anyone else.
        </p>
      )}
    </fieldset>
  );
}
