import { Editor } from "@tiptap/core";
import { NodeSelection } from "@tiptap/pm/state";
import { useEffect, useRef, useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { afterRender } from "../a11y/focus.js";
import { isToolbarKey, nextToolIndex } from "../a11y/toolbar.js";
import { api } from "../api.js";
import { type DocNode, type MediaItem, mediaSrc } from "../types.js";
import { articleExtensions, mediaPreview, setPreviewLoader } from "./extensions.js";
import { EmbedPanel, LinkPanel, VideoPanel } from "./EditorPanels.js";

setPreviewLoader((id) => api.get<MediaItem>(`/media/${id}`).then(mediaSrc, () => undefined));

// The article body editor: TipTap's vanilla core mounted on a div through a ref (no framework
// binding), with a toolbar of plain buttons. Loaded as its own chunk when an article opens.
//
// Keyboard (issue 18): the toolbar is one Tab stop with arrow keys between its buttons (the
// WAI-ARIA toolbar pattern), so Tab from the Standfirst lands in the text and typing is never
// lost to a button. Ctrl+K (⌘K) opens the Link panel; every panel takes focus when it opens,
// closes on Escape or Cancel and gives focus back to the text where the caret was.

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
  const [tool, setTool] = useState(0);
  const tools = useRef<(HTMLButtonElement | null)[]>([]);
  const toolbar = useRef<HTMLDivElement>(null);
  const openPanel = useRef<(p: Panel) => void>(() => undefined);
  openPanel.current = (p) => setPanel(p);
  const focusToolbar = useRef<() => void>(() => undefined);
  focusToolbar.current = () => tools.current[tool]?.focus();

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
          "aria-keyshortcuts": "Control+K Meta+K Alt+F10",
          "aria-describedby": "body-keys",
        },
        handleKeyDown: (_view, event) => {
          if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
            event.preventDefault();
            openPanel.current("link");
            return true;
          }
          // Alt+F10 reaches the toolbar from the text, as in TinyMCE and CKEditor.
          if (event.altKey && event.key === "F10") {
            event.preventDefault();
            focusToolbar.current();
            return true;
          }
          return false;
        },
        // The pinned toolbar sits over the top of the text: ProseMirror keeps the caret this far
        // below the window's edge when it scrolls to it (updated below as the toolbar wraps).
        scrollMargin: { top: 72, bottom: 16, left: 0, right: 0 },
        scrollThreshold: { top: 72, bottom: 16, left: 0, right: 0 },
      },
      onUpdate: ({ editor: e }) => changed.current(e.getJSON() as DocNode),
      onSelectionUpdate: () => setTick((n) => n + 1),
      onTransaction: () => setTick((n) => n + 1),
    });
    editorRef.current = editor;
    // Keep the caret clear of the pinned toolbar whatever its height (it wraps on narrow screens
    // and at 400 % zoom; WCAG 2.4.11 Focus Not Obscured).
    const bar = toolbar.current;
    const observer =
      bar && typeof ResizeObserver !== "undefined"
        ? new ResizeObserver(() => {
            const top = Math.ceil(bar.getBoundingClientRect().height) + 16;
            editor.setOptions({
              editorProps: {
                ...editor.options.editorProps,
                scrollMargin: { top, bottom: 16, left: 0, right: 0 },
                scrollThreshold: { top, bottom: 16, left: 0, right: 0 },
              },
            });
          })
        : undefined;
    if (bar) observer?.observe(bar);
    return () => {
      observer?.disconnect();
      editor.destroy();
    };
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

  let index = 0;
  const button = (
    label: string,
    run: () => void,
    pressed?: boolean,
    shortcut?: string,
    extra: { expanded?: boolean; keys?: string } = {},
  ) => {
    const mine = index++;
    return (
      <button
        type="button"
        class="ed-tool"
        ref={(el) => {
          tools.current[mine] = el;
        }}
        tabIndex={mine === tool ? 0 : -1}
        aria-pressed={pressed === undefined ? undefined : pressed}
        aria-expanded={extra.expanded}
        aria-keyshortcuts={extra.keys}
        title={shortcut ? `${label} (${shortcut})` : label}
        onMouseDown={(e) => e.preventDefault()}
        onFocus={() => setTool(mine)}
        onClick={editor ? run : undefined}
        aria-disabled={editor ? undefined : true}
      >
        {label}
      </button>
    );
  };
  const toolbarKeys = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      editor?.commands.focus();
      return;
    }
    if (!isToolbarKey(e.key)) return;
    e.preventDefault();
    const count = tools.current.filter(Boolean).length;
    const next = nextToolIndex(tool, e.key, count);
    setTool(next);
    tools.current[next]?.focus();
  };
  const closePanel = () => {
    setPanel(null);
    editor?.commands.focus();
  };
  const toggle = (p: Exclude<Panel, null>) => (panel === p ? closePanel() : setPanel(p));

  const insertImage = async () => {
    const picked = await pickImage();
    // The modal dialog makes the rest of the page inert until it has gone.
    await afterRender();
    if (!editor) return;
    // Escape in the image dialog, or Cancel: back to the text where the caret was.
    if (!picked) return void editor.commands.focus();
    if (picked.src) mediaPreview.set(picked.id, picked.src);
    chain()
      .insertContent({
        type: "image",
        attrs: { mediaId: picked.id, alt: picked.alt, caption: picked.caption, credit: picked.credit },
      })
      .run();
    announce(picked.alt ? `Image inserted: ${picked.alt}` : "Image inserted; it needs alt text before publishing");
  };

  return (
    <div class="ed">
      <p id="body-keys" class="sr-only">
        Formatting toolbar: Alt+F10, or Tab after the text. Link: Control+K.
      </p>
      {editor && panel === "link" && <LinkPanel editor={editor} close={closePanel} />}
      {editor && panel === "embed" && <EmbedPanel editor={editor} close={closePanel} />}
      {editor && panel === "video" && <VideoPanel editor={editor} close={closePanel} />}
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
      <div ref={host} class="ed-host" id="article-body" />
      {/* After the text in the DOM, above it on screen (CSS order): Tab from the Standfirst
          goes straight into the text, and one more Tab reaches the toolbar. */}
      <div
        class="ed-toolbar"
        role="toolbar"
        aria-label="Formatting"
        aria-controls="article-body"
        ref={toolbar}
        onKeyDown={toolbarKeys}
      >
        {button("Bold", () => chain().toggleBold().run(), active("bold"), "Ctrl+B")}
        {button("Italic", () => chain().toggleItalic().run(), active("italic"), "Ctrl+I")}
        {button("Link", () => toggle("link"), active("link"), "Ctrl+K", {
          expanded: panel === "link",
          keys: "Control+K Meta+K",
        })}
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
        {button("Video", () => toggle("video"), undefined, undefined, { expanded: panel === "video" })}
        {button("Post link", () => toggle("embed"), undefined, undefined, { expanded: panel === "embed" })}
        {button("Divider", () => chain().setHorizontalRule().run())}
        {button("Undo", () => chain().undo().run(), undefined, "Ctrl+Z")}
        {button("Redo", () => chain().redo().run(), undefined, "Ctrl+Shift+Z")}
      </div>
    </div>
  );
}
