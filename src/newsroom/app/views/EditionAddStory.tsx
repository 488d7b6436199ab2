import { useState } from "preact/hooks";
import { api } from "../api.js";
import { announce } from "../a11y/announce.js";
import { focusAfterRender } from "../a11y/focus.js";
import { useLoad } from "../hooks.js";
import type { EditionDraft } from "../newsletters/edition-edits.js";
import type { ArticleListItem } from "../types.js";

// Introducing a published story into an edition of stories (issue 18): chosen in a select and
// added by the Add button or Enter, never by moving through the options. Its line is left empty
// here: the server gives it the story's standfirst (or headline) unless the editor writes one.

export function EditionAddStory({ draft, setDraft }: { draft: EditionDraft; setDraft: (d: EditionDraft) => void }) {
  const published = useLoad(
    () =>
      api.get<{ items: ArticleListItem[] }>("/articles", { status: "published", limit: "100" }).then((r) => r.items),
    [],
  );
  const [adding, setAdding] = useState("");
  const inEdition = new Set(draft.items.map((i) => i.id));
  const candidates = (published.data ?? []).filter((a) => !inEdition.has(a.id));
  const add = () => {
    const story = candidates.find((a) => String(a.id) === adding);
    if (!story) return;
    setDraft({
      ...draft,
      items: [
        ...draft.items,
        { id: story.id, position: draft.items.length, title: story.headline, line: "", url: story.url ?? null },
      ],
    });
    setAdding("");
    announce(`${story.headline} added at position ${draft.items.length + 1}. Save the edition to keep it.`);
    void focusAfterRender([`#line-${story.id}`]);
  };
  return (
    <div class="field">
      <label class="label-block" for="edition-add-story">
        Add a published story
      </label>
      <span class="choose-add">
        <select
          id="edition-add-story"
          value={adding}
          onChange={(e) => setAdding(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && adding) {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">Choose…</option>
          {candidates.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.headline}
            </option>
          ))}
        </select>
        <button type="button" disabled={!adding} onClick={add}>
          Add<span class="sr-only"> to the edition</span>
        </button>
      </span>
    </div>
  );
}
