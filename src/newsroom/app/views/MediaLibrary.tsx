import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import type { PickedImage } from "../editor/BodyEditor.js";
import { focusAfterRender } from "../a11y/focus.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { type MediaItem, mediaSrc, mediaThumb } from "../types.js";
import { DeleteToTrash } from "./DeleteToTrash.js";

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

/** Upload by drop, paste or file choice; alt text is asked for with the file. */
export function Uploader({ onUploaded }: { onUploaded: (item: MediaItem) => void }) {
  const [file, setFile] = useState<File>();
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [credit, setCredit] = useState("");
  const [over, setOver] = useState(false);
  const action = useAction();
  const zone = useRef<HTMLDivElement>(null);
  const take = (files: FileList | null | undefined) => {
    const f = files && [...files].find((x) => x.type.startsWith("image/"));
    if (f) setFile(f);
  };
  useEffect(() => {
    // Pasting an image anywhere in the library or picker picks it up.
    const paste = (e: ClipboardEvent) => {
      if (e.clipboardData?.files.length) {
        take(e.clipboardData.files);
        e.preventDefault();
      }
    };
    const root = zone.current?.closest("dialog, main");
    root?.addEventListener("paste", paste as EventListener);
    return () => root?.removeEventListener("paste", paste as EventListener);
  }, []);
  const upload = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    void action.run(async () => {
      const form = new FormData();
      form.set("alt", alt);
      form.set("caption", caption);
      form.set("credit", credit);
      form.set("file", file);
      const item = await api.upload<MediaItem>("/media", form);
      setFile(undefined);
      setAlt("");
      setCaption("");
      setCredit("");
      onUploaded(item);
    });
  };
  return (
    <form class="uploader" onSubmit={upload} aria-label="Upload an image">
      <div
        ref={zone}
        class={`drop-zone ${over ? "over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer?.files);
        }}
      >
        <p>{file ? `Ready: ${file.name} (${Math.round(file.size / 1024)} KB)` : "Drop an image here, paste one, or"}</p>
        <label class="button">
          Choose a file
          <input
            class="sr-only"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
            onChange={(e) => take(e.currentTarget.files)}
          />
        </label>
      </div>
      {file && (
        <>
          <p class="field">
            <label for="up-alt">Alt text (describe the picture for someone who cannot see it)</label>
            <input id="up-alt" required value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
          </p>
          <p class="field">
            <label for="up-caption">Caption</label>
            <input id="up-caption" value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
          </p>
          <p class="field">
            <label for="up-credit">Credit</label>
            <input id="up-credit" value={credit} onInput={(e) => setCredit(e.currentTarget.value)} />
          </p>
          <button type="submit" class="primary" disabled={action.busy}>
            {action.busy ? "Uploading…" : "Upload"}
          </button>
        </>
      )}
      <ErrorNote error={action.error} />
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

function MediaEditor({ item, onSaved }: { item: MediaItem; onSaved: (m: MediaItem) => void }) {
  const [alt, setAlt] = useState(item.alt);
  const [caption, setCaption] = useState(item.caption);
  const [credit, setCredit] = useState(item.credit);
  const [fx, setFx] = useState(item.focalX ?? 0.5);
  const [fy, setFy] = useState(item.focalY ?? 0.5);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="media-editor"
      aria-label="Edit the image"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const m = await api.patch<MediaItem>(`/media/${item.id}`, { alt, caption, credit, focalX: fx, focalY: fy });
          setSaved(true);
          onSaved(m);
        });
      }}
    >
      <h2>{item.filename || `Image ${item.id}`}</h2>
      <p class="hint">
        {item.width} × {item.height} px, {Math.round(item.bytes / 1024)} KB
        {item.uploadedBy ? `, uploaded by ${item.uploadedBy.name}` : ""}
      </p>
      <div
        class="focal"
        onClick={(e) => {
          const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
          setFx(Math.round(((e.clientX - box.left) / box.width) * 100) / 100);
          setFy(Math.round(((e.clientY - box.top) / box.height) * 100) / 100);
        }}
      >
        <img src={item.url} alt={alt} width={item.width} height={item.height} />
        <span class="focal-dot" aria-hidden="true" ref={(el) => placeDot(el, fx, fy)} />
      </div>
      <p class="hint">
        {item.createdAt ? `Uploaded ${formatLondon(item.createdAt)}. ` : ""}Click the picture, or type below, to set the
        focal point crops keep.
      </p>
      <fieldset class="inline">
        <legend>Focal point (0–1 from the left and the top)</legend>
        <label>
          Across{" "}
          <input
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={fx}
            onInput={(e) => setFx(Number(e.currentTarget.value))}
          />
        </label>
        <label>
          Down{" "}
          <input
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={fy}
            onInput={(e) => setFy(Number(e.currentTarget.value))}
          />
        </label>
      </fieldset>
      <p class="field">
        <label for="m-alt">Alt text</label>
        <input id="m-alt" value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
      </p>
      <p class="field">
        <label for="m-caption">Caption</label>
        <input id="m-caption" value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
      </p>
      <p class="field">
        <label for="m-credit">Credit</label>
        <input id="m-credit" value={credit} onInput={(e) => setCredit(e.currentTarget.value)} />
      </p>
      <ErrorNote error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>
        Save image details
      </button>
      <span role="status">{saved ? " Saved." : ""}</span>
    </form>
  );
}

// Positioned from script: the CSP forbids inline style attributes in markup, not CSSOM writes.
function placeDot(el: HTMLElement | null, x: number, y: number) {
  if (!el) return;
  el.style.left = `${x * 100}%`;
  el.style.top = `${y * 100}%`;
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
