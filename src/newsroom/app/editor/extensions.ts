import { type Extensions, Mark, Node, markPasteRule, mergeAttributes, wrappingInputRule } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

// The editor's schema is the stored document's allow-list (articles/document/document.schema.ts)
// and nothing more: every node, mark and attribute the editor can make is one the server accepts,
// so `editor.getJSON()` is saved as it is. What StarterKit offers beyond it is switched off.

/** http(s) and mailto only, as the server's isSafeHref. */
export function isAllowedHref(href: string): boolean {
  if (href.length > 2048 || /[\u0000-\u001f\u007f\s]/.test(href)) return false;
  try {
    const { protocol } = new URL(href);
    return protocol === "https:" || protocol === "http:" || protocol === "mailto:";
  } catch {
    return false;
  }
}

/** Image sources by media id, filled by the app as it learns them (picker, upload, library). */
export const mediaPreview = new Map<number, string>();

let previewLoader: (mediaId: number) => Promise<string | undefined> = async () => undefined;
/** How the editor finds the picture of an image it has only the id of (an article opened later). */
export function setPreviewLoader(load: (mediaId: number) => Promise<string | undefined>): void {
  previewLoader = load;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** A pull quote: one run of text and who said it. */
export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  content: "inline*",
  marks: "bold italic",
  defining: true,
  addAttributes() {
    return {
      attribution: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-attribution") ?? "",
        renderHTML: (attrs) => ({ "data-attribution": text(attrs.attribution) }),
      },
    };
  },
  parseHTML: () => [{ tag: "blockquote[data-pull-quote]", priority: 60 }],
  renderHTML: ({ HTMLAttributes }) => ["blockquote", mergeAttributes(HTMLAttributes, { "data-pull-quote": "" }), 0],
});

/** An image from the media library: its id, with alt text, caption and credit for this use. */
export const MediaImage = Node.create({
  name: "image",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    const attr = (name: string) => ({
      default: "",
      parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`) ?? "",
      renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: text(attrs[name]) }),
    });
    return {
      mediaId: {
        default: null,
        parseHTML: (el) => Number(el.getAttribute("data-media-id")) || null,
        renderHTML: (attrs) => ({ "data-media-id": String(attrs.mediaId ?? "") }),
      },
      alt: attr("alt"),
      caption: attr("caption"),
      credit: attr("credit"),
    };
  },
  // Only our own figures: an <img> pasted from another site has no media id and is left out.
  parseHTML: () => [{ tag: "figure[data-media-id]" }],
  // In the editor the figure shows the picture, fetched by id when it is not known yet.
  addNodeView() {
    return ({ node, HTMLAttributes }) => {
      const figure = document.createElement("figure");
      figure.className = "ed-figure";
      for (const [k, v] of Object.entries(HTMLAttributes)) if (typeof v === "string") figure.setAttribute(k, v);
      const id = Number(node.attrs.mediaId);
      const img = document.createElement("img");
      img.alt = text(node.attrs.alt);
      const caption = document.createElement("figcaption");
      const credit = [text(node.attrs.caption), text(node.attrs.credit)].filter(Boolean).join(" · ");
      caption.textContent = `${img.alt ? `Alt: ${img.alt}` : "No alt text yet"}${credit ? ` — ${credit}` : ""}`;
      const known = mediaPreview.get(id);
      if (known) img.src = known;
      else
        void previewLoader(id).then((src) => {
          if (!src) return;
          mediaPreview.set(id, src);
          img.src = src;
        });
      figure.append(img, caption);
      return { dom: figure };
    };
  },
  renderHTML: ({ node, HTMLAttributes }) => {
    const src = mediaPreview.get(Number(node.attrs.mediaId));
    const alt = text(node.attrs.alt);
    const caption = [text(node.attrs.caption), text(node.attrs.credit)].filter(Boolean).join(" · ");
    return [
      "figure",
      mergeAttributes(HTMLAttributes, { class: "ed-figure" }),
      src ? ["img", { src, alt }] : ["span", { class: "ed-missing" }, `Image ${String(node.attrs.mediaId)}`],
      ["figcaption", {}, caption || (alt ? `Alt: ${alt}` : "No alt text yet")],
    ];
  },
});

/** A video from the video library, by id. */
export const MediaVideo = Node.create({
  name: "video",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      videoId: {
        default: null,
        parseHTML: (el) => Number(el.getAttribute("data-video-id")) || null,
        renderHTML: (attrs) => ({ "data-video-id": String(attrs.videoId ?? "") }),
      },
    };
  },
  parseHTML: () => [{ tag: "div[data-video-id]" }],
  renderHTML: ({ node, HTMLAttributes }) => [
    "div",
    mergeAttributes(HTMLAttributes, { class: "ed-card" }),
    `Video ${String(node.attrs.videoId)}`,
  ],
});

/** A post elsewhere, shown on the site as a link card (no third-party script). */
export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    const attr = (name: string) => ({
      default: "",
      parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`) ?? "",
      renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: text(attrs[name]) }),
    });
    return { url: attr("url"), title: attr("title"), provider: attr("provider") };
  },
  parseHTML: () => [{ tag: "div[data-embed]" }],
  renderHTML: ({ node, HTMLAttributes }) => [
    "div",
    mergeAttributes(HTMLAttributes, { class: "ed-card", "data-embed": "" }),
    `Post: ${text(node.attrs.title) || text(node.attrs.url)}`,
  ],
});

// Quotes, lists and links are defined here rather than taken from StarterKit, so that their
// content and attributes are exactly the stored ones: a quote holds paragraphs, a list item a
// paragraph then paragraphs or lists, an ordered list has no start or type, a link only its href.

const Quote = Node.create({
  name: "blockquote",
  group: "block",
  content: "paragraph+",
  defining: true,
  parseHTML: () => [{ tag: "blockquote", priority: 50 }],
  renderHTML: ({ HTMLAttributes }) => ["blockquote", HTMLAttributes, 0],
  addKeyboardShortcuts() {
    return { "Mod-Shift-b": () => this.editor.commands.toggleWrap(this.name) };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^\s*>\s$/, type: this.type })];
  },
});

const ListItemNode = Node.create({
  name: "listItem",
  content: "paragraph (paragraph | bulletList | orderedList)*",
  defining: true,
  parseHTML: () => [{ tag: "li" }],
  renderHTML: ({ HTMLAttributes }) => ["li", HTMLAttributes, 0],
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      Tab: () => this.editor.commands.sinkListItem(this.name),
      "Shift-Tab": () => this.editor.commands.liftListItem(this.name),
    };
  },
});

const list = (name: "bulletList" | "orderedList", tag: "ul" | "ol", find: RegExp, shortcut: string) =>
  Node.create({
    name,
    group: "block list",
    content: "listItem+",
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => [tag, HTMLAttributes, 0],
    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.commands.toggleList(name, "listItem") };
    },
    addInputRules() {
      return [wrappingInputRule({ find, type: this.type })];
    },
  });

const LinkMark = Mark.create({
  name: "link",
  priority: 1000,
  inclusive: false,
  addAttributes() {
    return { href: { default: null } };
  },
  parseHTML: () => [
    {
      tag: "a[href]",
      getAttrs: (el) => {
        const href = (el as HTMLElement).getAttribute("href") ?? "";
        return isAllowedHref(href) ? { href } : false;
      },
    },
  ],
  renderHTML: ({ HTMLAttributes }) => ["a", mergeAttributes(HTMLAttributes, { rel: "noopener nofollow" }), 0],
  addPasteRules() {
    // A pasted bare URL becomes a link to itself.
    return [
      markPasteRule({
        find: /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g,
        type: this.type,
        getAttributes: (match) => ({ href: match[0] }),
      }),
    ];
  },
});

export function articleExtensions(): Extensions {
  return [
    StarterKit.configure({
      strike: false,
      code: false,
      codeBlock: false,
      underline: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      link: false,
      heading: { levels: [2, 3, 4] },
    }),
    Quote,
    list("bulletList", "ul", /^\s*([-+*])\s$/, "Mod-Shift-8"),
    list("orderedList", "ol", /^\s*1[.)]\s$/, "Mod-Shift-7"),
    ListItemNode,
    LinkMark,
    PullQuote,
    MediaImage,
    MediaVideo,
    Embed,
  ];
}
