import { useEffect, useRef, useState } from "preact/hooks";
import { slugify } from "../../../platform/slug.js";
import { announce } from "../a11y/announce.js";
import { afterRender, focusAfterRender } from "../a11y/focus.js";
import { api, describeError } from "../api.js";
import type { PickedImage } from "../editor/BodyEditor.js";
import { instantToLondon, londonToInstant, zoneLabel } from "../london-time.js";
import { type MediaItem, mediaSrc } from "../types.js";

// The editor's compound fields: slug (checked as you type), an image, the embargo (tags and
// ordered authors: TagPicker.tsx and AuthorPicker.tsx).

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
