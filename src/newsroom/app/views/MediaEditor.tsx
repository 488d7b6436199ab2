import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { MediaItem } from "../types.js";

// One image's details: alt text, caption, credit and the focal point the crops are cut around.

export function MediaEditor({ item, onSaved }: { item: MediaItem; onSaved: (m: MediaItem) => void }) {
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
