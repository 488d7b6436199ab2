import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import type { PickedImage } from "../editor/BodyEditor.js";
import { focusAfterRender } from "../a11y/focus.js";
import { ErrorNote, PageTitle, useCan, useLoad } from "../hooks.js";
import { type MediaItem, mediaSrc, mediaThumb } from "../types.js";
import { DeleteToTrash } from "./DeleteToTrash.js";
import { MediaEditor } from "./MediaEditor.js";
import { Uploader } from "./MediaUploader.js";

// The media library: search and filter, upload by drag and drop, paste or file choice, edit alt
// text, caption, credit and focal point. The picker is the same library in a modal dialog.

interface Filters {
  q: string;
  kind: string;
  from: string;
  to: string;
}

function useMediaList(filters: Filters, serial: number) {
  return useLoad(
    () =>
      api.get<{ items: MediaItem[]; next: string | null }>("/media", {
        q: filters.q,
        kind: filters.kind,
        from: filters.from,
        to: filters.to,
      }),
    [JSON.stringify(filters), serial],
  );
}

function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const [q, setQ] = useState(filters.q);
  return (
    <form
      class="filters"
      role="search"
      aria-label="Filter the media"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, q: q.trim() });
      }}
    >
      <label>
        Search media
        <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <label>
        Type
        <select value={filters.kind} onChange={(e) => onChange({ ...filters, kind: e.currentTarget.value })}>
          <option value="">Any</option>
          <option value="jpeg">JPEG</option>
          <option value="png">PNG</option>
          <option value="webp">WebP</option>
          <option value="avif">AVIF</option>
          <option value="gif">GIF</option>
        </select>
      </label>
      <label>
        From{" "}
        <input
          type="date"
          value={filters.from}
          onChange={(e) => onChange({ ...filters, from: e.currentTarget.value })}
        />
      </label>
      <label>
        To{" "}
        <input type="date" value={filters.to} onChange={(e) => onChange({ ...filters, to: e.currentTarget.value })} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

function Grid(props: { items: MediaItem[]; selected?: number; onSelect: (m: MediaItem) => void; verb: string }) {
  return (
    <ul class="media-grid">
      {props.items.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            class={props.selected === m.id ? "selected" : ""}
            aria-pressed={props.verb === "Edit" ? props.selected === m.id : undefined}
            onClick={() => props.onSelect(m)}
          >
            <img src={mediaThumb(m)} alt="" loading="lazy" width={144} height={144} />
            <span>
              {props.verb}: {m.alt || m.filename || `image ${m.id}`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

const blank: Filters = { q: "", kind: "", from: "", to: "" };

export function MediaLibrary() {
  const [filters, setFilters] = useState<Filters>(blank);
  const [serial, setSerial] = useState(0);
  const list = useMediaList(filters, serial);
  const [selected, setSelected] = useState<MediaItem>();
  const can = useCan();
  return (
    <>
      <PageTitle title="Media">Media</PageTitle>
      <Uploader
        onUploaded={(item) => {
          setSelected(item);
          setSerial((n) => n + 1);
        }}
      />
      <FilterBar filters={filters} onChange={setFilters} />
      <ErrorNote error={list.error} />
      <div class={selected ? "media-layout" : ""}>
        <Grid items={list.data?.items ?? []} selected={selected?.id} onSelect={setSelected} verb="Edit" />
        {selected && (
          <div>
            <MediaEditor
              key={selected.id}
              item={selected}
              onSaved={(m) => {
                setSelected(m);
                setSerial((n) => n + 1);
              }}
            />
            {can("media.delete") && (
              <DeleteToTrash
                key={`delete-${selected.id}`}
                what="image"
                name={selected.alt || selected.filename || `Image ${selected.id}`}
                path={`/media/${selected.id}`}
                onDeleted={() => {
                  setSelected(undefined);
                  setSerial((n) => n + 1);
                  // The image and its editor are gone: the screen's heading is where to go on.
                  void focusAfterRender(["h1"]);
                }}
              />
            )}
          </div>
        )}
      </div>
      {!list.loading && !list.error && !list.data?.items.length && <p class="empty">No media matches.</p>}
    </>
  );
}

/** The library in a modal dialog: choose an image, or upload one and use it. */
export function MediaPicker({ onClose }: { onClose: (item: PickedImage | undefined) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [filters, setFilters] = useState<Filters>(blank);
  const list = useMediaList(filters, 0);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const choose = (m: MediaItem) =>
    onClose({ id: m.id, alt: m.alt, caption: m.caption, credit: m.credit, src: mediaSrc(m) });
  return (
    <dialog ref={dialog} class="picker-dialog" aria-labelledby="picker-title" onCancel={() => onClose(undefined)}>
      <div class="view-head">
        <h2 id="picker-title">Choose an image</h2>
        <button type="button" onClick={() => onClose(undefined)}>
          Close
        </button>
      </div>
      <Uploader onUploaded={choose} />
      <FilterBar filters={filters} onChange={setFilters} />
      <ErrorNote error={list.error} />
      <Grid items={list.data?.items ?? []} onSelect={choose} verb="Use" />
    </dialog>
  );
}
