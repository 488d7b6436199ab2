import { useEffect, useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender } from "../a11y/focus.js";
import { api, describeError } from "../api.js";
import type { Ref } from "../types.js";

/**
 * Tags: a combobox (WAI-ARIA APG, list autocomplete). Up and Down move the highlight through
 * the matching tags and "Create tag …"; Enter picks the highlighted one. The first match is
 * highlighted as soon as it is offered, so Enter on "Crick" while "Cricket" is offered adds
 * Cricket instead of creating a tag from the half-typed word (issue 18).
 */
export function TagPicker(props: { ids: number[]; known: Ref[]; onChange: (ids: number[], known: Ref[]) => void }) {
  const { ids, known, onChange } = props;
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Ref[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const term = q.trim();
    if (!term) return setResults([]);
    const timer = setTimeout(() => {
      api.get<Ref[] | { items: Ref[] }>("/tags", { q: term }).then(
        (res) => {
          setResults(Array.isArray(res) ? res : res.items);
          setActive(0);
        },
        (err: unknown) => setError(describeError(err)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  const name = (id: number) => known.find((t) => t.id === id)?.name ?? `Tag ${id}`;
  const add = (tag: Ref) => {
    if (!ids.includes(tag.id)) onChange([...ids, tag.id], [tag]);
    setQ("");
    setResults([]);
    announce(`Tag ${tag.name} added`);
  };
  const create = async () => {
    try {
      add(await api.post<Ref>("/tags", { name: q.trim() }));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = (i: number) => {
    const id = ids[i]!;
    const next = ids.filter((t) => t !== id);
    onChange(next, []);
    announce(`Tag ${name(id)} removed`);
    const neighbour = next[i] ?? next[i - 1];
    void focusAfterRender([neighbour ? attr("aria-label", `Remove tag ${name(neighbour)}`) : null, "#tag-search"]);
  };
  const term = q.trim();
  const offered = results.filter((r) => !ids.includes(r.id));
  const exact = results.some((r) => r.name.toLowerCase() === term.toLowerCase());
  const options: { key: string; label: string; pick: () => void }[] = [
    ...offered.map((r) => ({ key: `tag-option-${r.id}`, label: `Add “${r.name}”`, pick: () => add(r) })),
    ...(term && !exact ? [{ key: "tag-option-new", label: `Create tag “${term}”`, pick: () => void create() }] : []),
  ];
  const open = term !== "" && options.length > 0;
  const current = Math.min(active, options.length - 1);
  return (
    <fieldset class="field picker">
      <legend>Tags</legend>
      <ul class="chips" aria-label="Tags on this article">
        {ids.map((id, i) => (
          <li key={id}>
            {name(id)}
            <button type="button" class="chip-remove" aria-label={`Remove tag ${name(id)}`} onClick={() => remove(i)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <label for="tag-search">Find or create a tag</label>
      <input
        id="tag-search"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="tag-options"
        aria-activedescendant={open && current >= 0 ? options[current]!.key : undefined}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (!open) return;
            e.preventDefault();
            const by = e.key === "ArrowDown" ? 1 : -1;
            setActive((current + by + options.length) % options.length);
          } else if (e.key === "Enter") {
            e.preventDefault();
            if (open) options[current]?.pick();
          } else if (e.key === "Escape" && q) {
            e.preventDefault();
            setQ("");
          }
        }}
      />
      {error && <span class="hint hint-error">{error}</span>}
      <ul class="options" id="tag-options" role="listbox" aria-label="Matching tags" hidden={!open}>
        {options.map((o, i) => (
          <li
            key={o.key}
            id={o.key}
            role="option"
            aria-selected={i === current}
            class={i === current ? "active" : ""}
            onMouseDown={(e) => e.preventDefault()}
            onClick={o.pick}
          >
            {o.label}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
