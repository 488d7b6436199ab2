import { useEffect, useRef, useState } from "preact/hooks";
import { slugify } from "../../../platform/slug.js";
import { announce } from "../a11y/announce.js";
import { afterRender, attr, focusAfterRender } from "../a11y/focus.js";
import { api, describeError } from "../api.js";
import type { PickedImage } from "../editor/BodyEditor.js";
import { useLoad } from "../hooks.js";
import { instantToLondon, londonToInstant, zoneLabel } from "../london-time.js";
import { loadAuthors } from "../lookups.js";
import { type MediaItem, type Ref, mediaSrc } from "../types.js";

// The editor's compound fields: slug (checked as you type), tags, ordered authors, an image.

/** A labelled text input (or a textarea with `rows`) in the newsroom's field layout. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  rows?: number;
  inputMode?: "numeric" | "email" | "url";
}) {
  const { id, label, value, onChange, required, rows, inputMode } = props;
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {rows ? (
        <textarea
          id={id}
          rows={rows}
          required={required}
          value={value}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <input
          id={id}
          required={required}
          inputMode={inputMode}
          value={value}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </p>
  );
}

export function SlugField(props: {
  articleId: number;
  headline: string;
  slug: string;
  published: boolean;
  onChange: (slug: string) => void;
}) {
  const { articleId, headline, slug, published, onChange } = props;
  // The slug follows the headline until someone edits it (or the article is out: its URL stays).
  const [follows, setFollows] = useState(
    () => !published && (slug === "" || slug === slugify(headline) || /^untitled(-[a-z0-9]+)?$/.test(slug)),
  );
  const [check, setCheck] = useState<{ slug: string; available: boolean; suggestion: string } | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!follows) return;
    const next = slugify(headline);
    if (next && next !== slug) onChange(next);
  }, [headline, follows]);
  useEffect(() => {
    if (!slug) return setCheck(null);
    const timer = setTimeout(() => {
      api
        .get<{ slug: string; available: boolean; suggestion: string }>("/slug-check", { slug, articleId })
        .then(setCheck, (err: unknown) => setError(describeError(err)));
    }, 350);
    return () => clearTimeout(timer);
  }, [slug, articleId]);
  const taken = check && check.slug === slugify(slug) && !check.available;
  useEffect(() => {
    // A slug made from the headline takes the free suggestion at once, so saves keep working.
    if (follows && taken) onChange(check.suggestion);
  }, [follows, taken]);
  return (
    <p class="field">
      <label for="slug">Slug (the address)</label>
      <input
        id="slug"
        value={slug}
        maxLength={80}
        aria-describedby="slug-state"
        aria-invalid={taken ? true : undefined}
        onInput={(e) => {
          setFollows(false);
          onChange(e.currentTarget.value);
        }}
        onBlur={(e) => {
          const clean = slugify(e.currentTarget.value);
          if (clean && clean !== slug) onChange(clean);
        }}
      />
      <span id="slug-state" class={`hint ${taken ? "hint-error" : ""}`} aria-live="polite">
        {error
          ? `Not checked: ${error}`
          : !check
            ? ""
            : check.available
              ? `Available: /…/${check.slug}`
              : `Taken. Try “${check.suggestion}”.`}
      </span>
      {taken && (
        <button type="button" class="small" onClick={() => onChange(check.suggestion)}>
          Use “{check.suggestion}”
        </button>
      )}
    </p>
  );
}

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

const mediaCache = new Map<number, Promise<MediaItem>>();
export const loadMedia = (id: number) => {
  let item = mediaCache.get(id);
  if (!item) {
    item = api.get<MediaItem>(`/media/${id}`);
    item.catch(() => mediaCache.delete(id));
    mediaCache.set(id, item);
  }
  return item;
};

export function MediaField(props: {
  label: string;
  mediaId: number | null;
  onPick: () => Promise<PickedImage | undefined>;
  onChange: (id: number | null) => void;
}) {
  const { label, mediaId, onPick, onChange } = props;
  const [item, setItem] = useState<MediaItem>();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    setItem(undefined);
    if (mediaId !== null) loadMedia(mediaId).then(setItem, () => undefined);
  }, [mediaId]);
  return (
    <div class="field media-field">
      <span class="label">{label}</span>
      {mediaId !== null && (
        <figure class="thumb">
          {item ? <img src={mediaSrc(item)} alt={item.alt} /> : <span class="ed-missing">Image {mediaId}</span>}
          <figcaption>{item?.alt ? `Alt: ${item.alt}` : "No alt text yet"}</figcaption>
        </figure>
      )}
      <span class="row-actions">
        <button
          ref={button}
          type="button"
          onClick={async () => {
            const picked = await onPick();
            if (picked) onChange(picked.id);
            await afterRender();
            button.current?.focus();
          }}
        >
          {mediaId === null ? `Choose ${label.toLowerCase()}…` : "Change…"}
        </button>
        {mediaId !== null && (
          <button
            type="button"
            onClick={() => {
              onChange(null);
              announce(`${label} removed`);
              void focusAfterRender([button.current]);
            }}
          >
            Remove
          </button>
        )}
      </span>
    </div>
  );
}

/** The embargo: no publication (now or scheduled) before this London date and time. */
export function EmbargoField({ value, onChange }: { value: string | null; onChange: (iso: string | null) => void }) {
  const initial = value ? instantToLondon(new Date(value)) : { date: "", time: "" };
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const update = (d: string, t: string) => {
    setDate(d);
    setTime(t);
    if (!d && !t) onChange(null);
    const at = d && t ? londonToInstant(d, t) : undefined;
    if (at) onChange(at.toISOString());
  };
  return (
    <fieldset class="field inline">
      <legend>Embargo ({zoneLabel()})</legend>
      <label>
        Date <input type="date" value={date} onInput={(e) => update(e.currentTarget.value, time)} />
      </label>
      <label>
        Time <input type="time" value={time} onInput={(e) => update(date, e.currentTarget.value)} />
      </label>
      {value && (
        <button type="button" class="small" onClick={() => update("", "")}>
          No embargo
        </button>
      )}
    </fieldset>
  );
}
