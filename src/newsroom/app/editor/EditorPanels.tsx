import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { isAllowedHref } from "./extensions.js";

// The body editor's panels (BodyEditor.tsx): a link, an embed, a video. Each takes focus when it
// opens and closes on Escape or Cancel.

/** A panel's first field takes focus when it opens; Escape anywhere in it closes it. */
function usePanel(close: () => void) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
  return { first, onKeyDown };
}

export function LinkPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const { first, onKeyDown } = usePanel(close);
  const [href, setHref] = useState(String(editor.getAttributes("link").href ?? "https://"));
  const ok = isAllowedHref(href);
  const apply = (e: Event) => {
    e.preventDefault();
    if (!ok) return;
    editor.chain().focus().extendMarkRange("link").setMark("link", { href }).run();
    close();
    announce(`Link to ${href} applied`);
  };
  return (
    <form class="ed-panel" onSubmit={apply} onKeyDown={onKeyDown} aria-label="Link">
      <label>
        Link address (https:, http: or mailto:)
        <input ref={first} value={href} onInput={(e) => setHref(e.currentTarget.value)} aria-invalid={!ok} />
      </label>
      <button type="submit" disabled={!ok}>
        Apply link
      </button>
      <button
        type="button"
        onClick={() => {
          editor.chain().focus().extendMarkRange("link").unsetMark("link").run();
          close();
          announce("Link removed");
        }}
      >
        Remove link
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </form>
  );
}

export function EmbedPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const { first, onKeyDown } = usePanel(close);
  const [url, setUrl] = useState("https://");
  const [title, setTitle] = useState("");
  const [provider, setProvider] = useState("");
  const ok = url.startsWith("https://") && isAllowedHref(url);
  return (
    <form
      class="ed-panel"
      aria-label="Embedded post"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        editor.chain().focus().insertContent({ type: "embed", attrs: { url, title, provider } }).run();
        close();
        announce("Post link inserted");
      }}
    >
      <label>
        Post address (https only)
        <input ref={first} value={url} onInput={(e) => setUrl(e.currentTarget.value)} aria-invalid={!ok} />
      </label>
      <label>
        Title <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Site <input value={provider} onInput={(e) => setProvider(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!ok}>
        Insert post link
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </form>
  );
}

export function VideoPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const { first, onKeyDown } = usePanel(close);
  const [id, setId] = useState("");
  const n = Number(id);
  const ok = Number.isInteger(n) && n > 0;
  return (
    <form
      class="ed-panel"
      aria-label="Video"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        editor
          .chain()
          .focus()
          .insertContent({ type: "video", attrs: { videoId: n } })
          .run();
        close();
        announce(`Video ${n} inserted`);
      }}
    >
      <label>
        Video number (from the video library)
        <input ref={first} inputMode="numeric" value={id} onInput={(e) => setId(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!ok}>
        Insert video
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </form>
  );
}
