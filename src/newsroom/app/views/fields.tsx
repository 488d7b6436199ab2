import { useEffect, useRef, useState } from "preact/hooks";
import { slugify } from "../../../platform/slug.js";
import { api, describeError } from "../api.js";
import type { PickedImage } from "../editor/BodyEditor.js";
import { useLoad } from "../hooks.js";
import { instantToLondon, londonToInstant } from "../london-time.js";
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

export function TagPicker(props: { ids: number[]; known: Ref[]; onChange: (ids: number[], known: Ref[]) => void }) {
  const { ids, known, onChange } = props;
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Ref[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const term = q.trim();
    if (!term) return setResults([]);
    const timer = setTimeout(() => {
      api.get<Ref[] | { items: Ref[] }>("/tags", { q: term }).then(
        (res) => setResults(Array.isArray(res) ? res : res.items),
        (err: unknown) => setError(describeError(err)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  const name = (id: number) => known.find((t) => t.id === id)?.name ?? `Tag ${id}`;
  const add = (tag: Ref) => {
    if (!ids.includes(tag.id)) onChange([...ids, tag.id], [tag]);
    setQ("");
  };
  const create = async () => {
    try {
      add(await api.post<Ref>("/tags", { name: q.trim() }));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const exact = results.some((r) => r.name.toLowerCase() === q.trim().toLowerCase());
  return (
    <fieldset class="field picker">
      <legend>Tags</legend>
      <ul class="chips" aria-label="Tags on this article">
        {ids.map((id) => (
          <li key={id}>
            {name(id)}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove tag ${name(id)}`}
              onClick={() =>
                onChange(
                  ids.filter((t) => t !== id),
                  [],
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label for="tag-search">Find or create a tag</label>
      <input
        id="tag-search"
        type="search"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            const first = results[0];
            if (first && first.name.toLowerCase() === q.trim().toLowerCase()) add(first);
            else if (q.trim()) void create();
          }
        }}
      />
      {error && <span class="hint hint-error">{error}</span>}
      {q.trim() && (
        <ul class="options" aria-label="Matching tags">
          {results
            .filter((r) => !ids.includes(r.id))
            .map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => add(r)}>
                  Add “{r.name}”
                </button>
              </li>
            ))}
          {!exact && (
            <li>
              <button type="button" onClick={() => void create()}>
                Create tag “{q.trim()}”
              </button>
            </li>
          )}
        </ul>
      )}
    </fieldset>
  );
}

export function AuthorPicker(props: { ids: number[]; known: Ref[]; onChange: (ids: number[]) => void }) {
  const { ids, known, onChange } = props;
  const authors = useLoad(loadAuthors, []);
  const name = (id: number) =>
    authors.data?.find((a) => a.id === id)?.name ?? known.find((a) => a.id === id)?.name ?? `Author ${id}`;
  const move = (i: number, by: number) => {
    const next = [...ids];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
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
              <button
                type="button"
                class="small"
                onClick={() => onChange(ids.filter((a) => a !== id))}
                aria-label={`Remove ${name(id)}`}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <label for="add-author">Add an author</label>
      <select
        id="add-author"
        value=""
        onChange={(e) => {
          const id = Number(e.currentTarget.value);
          if (id && !ids.includes(id)) onChange([...ids, id]);
          e.currentTarget.value = "";
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
            button.current?.focus();
          }}
        >
          {mediaId === null ? `Choose ${label.toLowerCase()}…` : "Change…"}
        </button>
        {mediaId !== null && (
          <button type="button" onClick={() => onChange(null)}>
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
      <legend>Embargo (London time)</legend>
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
