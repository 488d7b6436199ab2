import { type ChildNode, type Element, isTag } from "domhandler";
import { parseDocument } from "htmlparser2";
import { documentToPlainText } from "./plain-text.js";
import { recogniseEmbed } from "./embed-url.js";
import {
  type ArticleDocument,
  type BlockNode,
  type InlineNode,
  type ListItemNode,
  type ListNode,
  type ParagraphNode,
  validateDocument,
} from "./document.schema.js";
import { DROP, MAX_TEXT, drop, inlinesOf, paragraphOf, tidy } from "./html-inlines.js";

// Agency copy (RSS content, ninjs body_html, NewsML-G2 inline XHTML) and imported archives (Ghost,
// WordPress) arrive as HTML. We never store HTML: it becomes our document (paragraphs, headings,
// lists, quotes, bold, italic, links), and everything else is dropped or kept as its text. Scripts,
// styles, frames and forms are dropped with their content (and counted when the caller asks); links
// keep only absolute http(s)/mailto targets (relative ones are resolved against the item's own
// address when it has one). An importer may also turn images into image nodes (it has stored them
// through the media pipeline first) and recognised players and posts into embed nodes.

const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "body",
  "html",
  "center",
  "table",
  "tbody",
  "thead",
  "tr",
  "td",
  "th",
  "dl",
  "dd",
  "dt",
  "address",
  "pre",
  "caption",
  "figcaption",
]);
const MAX_BLOCKS = 2_000;

export interface HtmlToDocumentOptions {
  baseUrl?: string;
  /** The media id of an image already stored for this address; without it images are dropped. */
  image?: (src: string) => number | undefined;
  /** Recognise players and posts (iframes, tweet blockquotes) as embed nodes. */
  embeds?: boolean;
  /** Filled with what was dropped, by element name ("img" for an image that was not stored). */
  dropped?: Map<string, number>;
}
type Ctx = HtmlToDocumentOptions;

function isBlockElement(node: ChildNode, ctx: Ctx): node is Element {
  if (!isTag(node)) return false;
  const name = node.name.toLowerCase();
  if (BLOCKS.has(name) || /^h[1-6]$/.test(name) || ["ul", "ol", "blockquote", "hr", "li"].includes(name)) return true;
  // An importer's image inside a link or a span is lifted out of its line as a block of its own.
  return Boolean(ctx.image) && (name === "figure" || name === "img" || hasDescendant(node, "img"));
}

function hasDescendant(element: Element, name: string): boolean {
  return element.children.some((c) => isTag(c) && (c.name.toLowerCase() === name || hasDescendant(c, name)));
}

function findAll(element: Element, name: string, out: Element[] = []): Element[] {
  for (const c of element.children) {
    if (!isTag(c)) continue;
    if (c.name.toLowerCase() === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

/** An importer's own blocks: images, figures, players and posts; null when the element is none. */
function importedBlock(element: Element, ctx: Ctx): BlockNode[] | null {
  const name = element.name.toLowerCase();
  if (ctx.embeds && (name === "iframe" || name === "embed" || name === "object")) {
    const found = recogniseEmbed(element.attribs.src ?? element.attribs.data);
    if (found) return [{ type: "embed", attrs: found }];
    drop(ctx, name);
    return [];
  }
  if (
    ctx.embeds &&
    name === "blockquote" &&
    /\b(twitter-tweet|instagram-media|tiktok-embed)\b/.test(element.attribs.class ?? "")
  ) {
    const found = findAll(element, "a")
      .map((a) => recogniseEmbed(a.attribs.href))
      .find(Boolean);
    if (found) return [{ type: "embed", attrs: found }];
  }
  if (!ctx.image) return null;
  if (name === "img") return imageBlock(element, undefined, ctx);
  if (name === "figure") {
    const caption = findAll(element, "figcaption")[0];
    const text = caption ? documentToPlainText({ type: "doc", content: blocksOf(caption.children, {}) }).trim() : "";
    const images = findAll(element, "img");
    if (images.length === 0) return blocksOf(element.children, ctx);
    return images.flatMap((img, i) => imageBlock(img, i === images.length - 1 ? text : undefined, ctx));
  }
  return null;
}

function imageBlock(img: Element, caption: string | undefined, ctx: Ctx): BlockNode[] {
  const src = img.attribs.src ?? img.attribs["data-src"];
  const mediaId = src ? ctx.image?.(src) : undefined;
  if (!mediaId) {
    drop(ctx, "img");
    return [];
  }
  const alt = (img.attribs.alt ?? "").replace(/\s+/g, " ").trim().slice(0, 500);
  return [
    {
      type: "image",
      attrs: { mediaId, alt, ...(caption ? { caption: caption.replace(/\s+/g, " ").slice(0, 1000) } : {}) },
    },
  ];
}

function listOf(element: Element, ctx: Ctx): ListNode | null {
  const items: ListItemNode[] = [];
  for (const child of element.children) {
    if (!isTag(child)) continue;
    const content = blocksOf(child.children, ctx).filter(
      (b): b is ParagraphNode | ListNode =>
        b.type === "paragraph" || b.type === "bulletList" || b.type === "orderedList",
    );
    if (content.length) items.push({ type: "listItem", content: content.slice(0, 20) });
  }
  if (!items.length) return null;
  return { type: element.name.toLowerCase() === "ol" ? "orderedList" : "bulletList", content: items.slice(0, 200) };
}

function blocksOf(nodes: ChildNode[], ctx: Ctx): BlockNode[] {
  const blocks: BlockNode[] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    const p = paragraphOf(inlinesOf(run, ctx));
    if (p) blocks.push(p);
    run = [];
  };
  for (const node of nodes) {
    const special = isTag(node) ? importedBlock(node, ctx) : null;
    if (special) {
      flush();
      blocks.push(...special);
      continue;
    }
    if (isTag(node) && DROP.has(node.name.toLowerCase())) {
      drop(ctx, node.name.toLowerCase());
      continue;
    }
    if (!isBlockElement(node, ctx)) {
      run.push(node);
      continue;
    }
    flush();
    const name = node.name.toLowerCase();
    if (/^h[1-6]$/.test(name)) {
      const content = tidy(inlinesOf(node.children, ctx));
      const level = Math.min(4, Math.max(2, Number(name[1]))) as 2 | 3 | 4;
      if (content.length) blocks.push({ type: "heading", attrs: { level }, content });
    } else if (name === "ul" || name === "ol") {
      const list = listOf(node, ctx);
      if (list) blocks.push(list);
    } else if (name === "blockquote") {
      const paragraphs = blocksOf(node.children, ctx).filter((b): b is ParagraphNode => b.type === "paragraph");
      if (paragraphs.length) blocks.push({ type: "blockquote", content: paragraphs.slice(0, 50) });
    } else if (name === "hr") {
      blocks.push({ type: "horizontalRule" });
    } else {
      blocks.push(...blocksOf(node.children, ctx));
    }
  }
  flush();
  return blocks;
}

/** HTML (or XHTML) → our document; always a valid document, possibly empty. */
export function htmlToDocument(html: string, options: HtmlToDocumentOptions = {}): ArticleDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const doc = { type: "doc" as const, content: blocksOf(dom.children, options).slice(0, MAX_BLOCKS) };
  const checked = validateDocument(doc);
  if (checked.ok) return checked.doc;
  // Anything the walk let through that the schema refuses (it should not happen) falls back to text.
  return textToDocument(documentToPlainText(doc));
}

/** Plain text (an email, a summary) → paragraphs split on blank lines, single newlines as breaks. */
export function textToDocument(text: string): ArticleDocument {
  const content: BlockNode[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = block
      .split("\n")
      .map((l) => l.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    if (!lines.length) continue;
    const inlines: InlineNode[] = [];
    lines.forEach((line, i) => {
      if (i > 0) inlines.push({ type: "hardBreak" });
      inlines.push({ type: "text", text: line.slice(0, MAX_TEXT) });
    });
    content.push({ type: "paragraph", content: inlines });
    if (content.length >= MAX_BLOCKS) break;
  }
  return { type: "doc", content };
}
