import { type ChildNode, isTag, isText } from "domhandler";
import { type InlineNode, type Mark, type ParagraphNode, isSafeHref } from "./document.schema.js";
import type { HtmlToDocumentOptions } from "./html-to-document.js";

// The inline half of the HTML converter (html-to-document.ts): text runs with bold, italic and
// links, whitespace collapsed as a browser would, and the elements dropped with their content.

type Ctx = HtmlToDocumentOptions;

export const DROP = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "form",
  "noscript",
  "template",
  "svg",
  "math",
  "head",
  "title",
  "button",
  "select",
  "textarea",
  "video",
  "audio",
  "picture",
  "img",
  "figure",
]);

export const MAX_TEXT = 20_000;

export const drop = (ctx: Ctx, name: string) => ctx.dropped?.set(name, (ctx.dropped.get(name) ?? 0) + 1);

function resolveHref(href: string | undefined, ctx: Ctx): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  let absolute: string;
  try {
    absolute = ctx.baseUrl ? new URL(trimmed, ctx.baseUrl).toString() : new URL(trimmed).toString();
  } catch {
    return undefined;
  }
  return isSafeHref(absolute) ? absolute : undefined;
}

function sameMarks(a: Mark[] | undefined, b: Mark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Inline content of a node: text with marks, collapsing whitespace as a browser would. */
export function inlinesOf(nodes: ChildNode[], ctx: Ctx, marks: Mark[] = [], out: InlineNode[] = []): InlineNode[] {
  for (const node of nodes) {
    if (isText(node)) {
      pushText(out, node.data.replace(/\s+/g, " "), marks);
    } else if (isTag(node)) {
      const name = node.name.toLowerCase();
      if (DROP.has(name)) {
        drop(ctx, name);
        continue;
      }
      if (name === "br") {
        out.push({ type: "hardBreak" });
        continue;
      }
      let next = marks;
      if ((name === "b" || name === "strong") && !marks.some((m) => m.type === "bold"))
        next = [...marks, { type: "bold" }];
      if ((name === "i" || name === "em") && !marks.some((m) => m.type === "italic"))
        next = [...marks, { type: "italic" }];
      if (name === "a") {
        const href = resolveHref(node.attribs.href, ctx);
        if (href && !marks.some((m) => m.type === "link")) next = [...marks, { type: "link", attrs: { href } }];
      }
      inlinesOf(node.children, ctx, next, out);
    }
  }
  return out;
}

function pushText(out: InlineNode[], text: string, marks: Mark[]): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === "text" && sameMarks(last.marks, marks)) {
    last.text = (last.text + text).slice(0, MAX_TEXT);
    return;
  }
  out.push({ type: "text", text: text.slice(0, MAX_TEXT), ...(marks.length ? { marks } : {}) });
}

/** Trims the run's ends, drops empty text and leading/trailing breaks. */
export function tidy(inlines: InlineNode[]): InlineNode[] {
  const result = [...inlines];
  while (result[0]?.type === "hardBreak") result.shift();
  while (result[result.length - 1]?.type === "hardBreak") result.pop();
  const first = result[0];
  if (first?.type === "text") result[0] = { ...first, text: first.text.replace(/^\s+/, "") };
  const last = result[result.length - 1];
  if (last?.type === "text") result[result.length - 1] = { ...last, text: last.text.replace(/\s+$/, "") };
  return result.filter((n) => n.type !== "text" || n.text.length > 0);
}

export function paragraphOf(inlines: InlineNode[]): ParagraphNode | null {
  const content = tidy(inlines);
  return content.length ? { type: "paragraph", content } : null;
}
