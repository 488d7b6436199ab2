import { Editor } from "@tiptap/core";
import { NodeSelection } from "@tiptap/pm/state";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { type DocNode, type MediaItem, mediaSrc } from "../types.js";
import { articleExtensions, isAllowedHref, mediaPreview, setPreviewLoader } from "./extensions.js";

setPreviewLoader((id) => api.get<MediaItem>(`/media/${id}`).then(mediaSrc, () => undefined));

// The article body editor: TipTap's vanilla core mounted on a div through a ref (no framework
// binding), with a toolbar of plain buttons. Loaded as its own chunk when an article opens.

export interface PickedImage {
  id: number;
  alt: string;
  caption: string;
  credit: string;
  src?: string;
}

export interface BodyEditorProps {
  initial: DocNode;
  onChange: (doc: DocNode) => void;
  /** Opens the media library and resolves with the chosen (or uploaded) image. */
  pickImage: () => Promise<PickedImage | undefined>;
  /** Set when the document is replaced from outside (a restore, taking the other version). */
  replaceWith?: { doc: DocNode; serial: number };
  /** The editing area's accessible name ("Article body" unless given: a live entry's text). */
  label?: string;
}

type Panel = "link" | "embed" | "video" | null;

export function BodyEditor({ initial, onChange, pickImage, replaceWith, label = "Article body" }: BodyEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [, setTick] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);

  useEffect(() => {
    const editor = new Editor({
      element: host.current!,
      extensions: articleExtensions(),
      content: initial as object,
      editorProps: {
        attributes: {
          class: "ed-body",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          spellcheck: "true",
        },
      },
      onUpdate: ({ editor: e }) => changed.current(e.getJSON() as DocNode),
      onSelectionUpdate: () => setTick((n) => n + 1),
      onTransaction: () => setTick((n) => n + 1),
    });
    editorRef.current = editor;
    return () => editor.destroy();
    // The editor is made once; later documents arrive through `replaceWith`.
  }, []);

  useEffect(() => {
    if (replaceWith && editorRef.current)
      editorRef.current.commands.setContent(replaceWith.doc as object, { emitUpdate: false });
  }, [replaceWith?.serial]);

  const editor = editorRef.current;
  const active = (name: string, attrs?: object) => editor?.isActive(name, attrs) ?? false;
  const chain = () => editor!.chain().focus();
  const selection = editor?.state.selection;
  const selectedImage =
    selection instanceof NodeSelection && selection.node.type.name === "image" ? selection.node : undefined;
  const inPullQuote = active("pullQuote");

  const button = (label: string, run: () => void, pressed?: boolean, shortcut?: string) => (
    <button
      type="button"
      class="ed-tool"
      aria-pressed={pressed === undefined ? undefined : pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      disabled={!editor}
    >
      {label}
    </button>
  );

  const insertImage = async () => {
    const picked = await pickImage();
    if (!picked || !editor) return;
    if (picked.src) mediaPreview.set(picked.id, picked.src);
    chain()
      .insertContent({
        type: "image",
        attrs: { mediaId: picked.id, alt: picked.alt, caption: picked.caption, credit: picked.credit },
      })
      .run();
  };

  return (
    <div class="ed">
      <div class="ed-toolbar" role="group" aria-label="Formatting">
        {button("Bold", () => chain().toggleBold().run(), active("bold"), "Ctrl+B")}
        {button("Italic", () => chain().toggleItalic().run(), active("italic"), "Ctrl+I")}
        {button("Link", () => setPanel(panel === "link" ? null : "link"), active("link"))}
        {button("Text", () => chain().setParagraph().run(), active("paragraph"))}
        {button("H2", () => chain().toggleHeading({ level: 2 }).run(), active("heading", { level: 2 }), "Ctrl+Alt+2")}
        {button("H3", () => chain().toggleHeading({ level: 3 }).run(), active("heading", { level: 3 }), "Ctrl+Alt+3")}
        {button("H4", () => chain().toggleHeading({ level: 4 }).run(), active("heading", { level: 4 }), "Ctrl+Alt+4")}
        {button("• List", () => chain().toggleList("bulletList", "listItem").run(), active("bulletList"))}
        {button("1. List", () => chain().toggleList("orderedList", "listItem").run(), active("orderedList"))}
        {button("Quote", () => chain().toggleWrap("blockquote").run(), active("blockquote"))}
        {button(
          "Pull quote",
          () =>
            inPullQuote ? chain().setNode("paragraph").run() : chain().setNode("pullQuote", { attribution: "" }).run(),
          inPullQuote,
        )}
        {button("Image", () => void insertImage())}
        {button("Video", () => setPanel(panel === "video" ? null : "video"))}
        {button("Post link", () => setPanel(panel === "embed" ? null : "embed"))}
        {button("Divider", () => chain().setHorizontalRule().run())}
        {button("Undo", () => chain().undo().run(), undefined, "Ctrl+Z")}
        {button("Redo", () => chain().redo().run(), undefined, "Ctrl+Shift+Z")}
      </div>
      {editor && panel === "link" && <LinkPanel editor={editor} close={() => setPanel(null)} />}
      {editor && panel === "embed" && <EmbedPanel editor={editor} close={() => setPanel(null)} />}
      {editor && panel === "video" && <VideoPanel editor={editor} close={() => setPanel(null)} />}
      {editor && inPullQuote && (
        <label class="ed-inline-field">
          Pull quote attribution
          <input
            value={String(editor.getAttributes("pullQuote").attribution ?? "")}
            onInput={(e) => editor.commands.updateAttributes("pullQuote", { attribution: e.currentTarget.value })}
          />
        </label>
      )}
      {editor && selectedImage && (
        <fieldset class="ed-inline-fields">
          <legend>Selected image</legend>
          {(["alt", "caption", "credit"] as const).map((name) => (
            <label key={name}>
              {name === "alt" ? "Alt text (required to publish)" : name === "caption" ? "Caption" : "Credit"}
              <input
                value={String(selectedImage.attrs[name] ?? "")}
                onInput={(e) => editor.commands.updateAttributes("image", { [name]: e.currentTarget.value })}
              />
            </label>
          ))}
        </fieldset>
      )}
      <div ref={host} class="ed-host" />
    </div>
  );
}

function LinkPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const [href, setHref] = useState(String(editor.getAttributes("link").href ?? "https://"));
  const ok = isAllowedHref(href);
  const apply = (e: Event) => {
    e.preventDefault();
    if (!ok) return;
    editor.chain().focus().extendMarkRange("link").setMark("link", { href }).run();
    close();
  };
  return (
    <form class="ed-panel" onSubmit={apply} aria-label="Link">
      <label>
        Link address (https:, http: or mailto:)
        <input value={href} onInput={(e) => setHref(e.currentTarget.value)} autoFocus aria-invalid={!ok} />
      </label>
      <button type="submit" disabled={!ok}>
        Apply link
      </button>
      <button
        type="button"
        onClick={() => {
          editor.chain().focus().extendMarkRange("link").unsetMark("link").run();
          close();
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

function EmbedPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const [url, setUrl] = useState("https://");
  const [title, setTitle] = useState("");
  const [provider, setProvider] = useState("");
  const ok = url.startsWith("https://") && isAllowedHref(url);
  return (
    <form
      class="ed-panel"
      aria-label="Embedded post"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        editor.chain().focus().insertContent({ type: "embed", attrs: { url, title, provider } }).run();
        close();
      }}
    >
      <label>
        Post address (https only)
        <input value={url} onInput={(e) => setUrl(e.currentTarget.value)} autoFocus aria-invalid={!ok} />
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

function VideoPanel({ editor, close }: { editor: Editor; close: () => void }) {
  const [id, setId] = useState("");
  const n = Number(id);
  const ok = Number.isInteger(n) && n > 0;
  return (
    <form
      class="ed-panel"
      aria-label="Video"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok) return;
        editor
          .chain()
          .focus()
          .insertContent({ type: "video", attrs: { videoId: n } })
          .run();
        close();
      }}
    >
      <label>
        Video number (from the video library)
        <input inputMode="numeric" value={id} onInput={(e) => setId(e.currentTarget.value)} autoFocus />
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
