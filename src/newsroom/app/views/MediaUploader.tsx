import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import type { MediaItem } from "../types.js";

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
