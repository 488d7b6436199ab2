import { type Dropped, cardHtml, escapeHtml } from "./ghost-cards.js";

// Ghost 5's Lexical document (the `lexical` field of a post, JSON text) rendered as plain HTML for
// the one converter. Text formats are Lexical's bit flags (1 bold, 2 italic); cards are the nodes
// that are not text (ghost-cards.ts).

interface LexicalNode {
  type?: unknown;
  children?: unknown;
  text?: unknown;
  format?: unknown;
  tag?: unknown;
  listType?: unknown;
  url?: unknown;
  [key: string]: unknown;
}

const BOLD = 1;
const ITALIC = 2;

function children(node: LexicalNode, dropped: Dropped): string {
  return Array.isArray(node.children) ? (node.children as LexicalNode[]).map((c) => render(c, dropped)).join("") : "";
}

function render(node: LexicalNode, dropped: Dropped): string {
  switch (node.type) {
    case "root":
      return children(node, dropped);
    case "paragraph":
      return `<p>${children(node, dropped)}</p>`;
    case "heading":
    case "extended-heading": {
      const tag = typeof node.tag === "string" && /^h[1-6]$/.test(node.tag) ? node.tag : "h2";
      return `<${tag}>${children(node, dropped)}</${tag}>`;
    }
    case "quote":
    case "aside":
    case "extended-quote":
      return `<blockquote><p>${children(node, dropped)}</p></blockquote>`;
    case "list": {
      const tag = node.listType === "number" ? "ol" : "ul";
      return `<${tag}>${children(node, dropped)}</${tag}>`;
    }
    case "listitem":
      return `<li>${children(node, dropped)}</li>`;
    case "text":
    case "extended-text": {
      let html = escapeHtml(typeof node.text === "string" ? node.text : "");
      const format = typeof node.format === "number" ? node.format : 0;
      if (format & ITALIC) html = `<em>${html}</em>`;
      if (format & BOLD) html = `<strong>${html}</strong>`;
      return html;
    }
    case "link":
    case "autolink":
      return `<a href="${escapeHtml(typeof node.url === "string" ? node.url : "")}">${children(node, dropped)}</a>`;
    case "linebreak":
      return "<br>";
    case "tab":
      return " ";
    default:
      return typeof node.type === "string" ? cardHtml(node.type, node, dropped) : "";
  }
}

/** The HTML of a Lexical document; throws when the text is not a Lexical document. */
export function lexicalToHtml(lexical: string, dropped: Dropped): string {
  const parsed = JSON.parse(lexical) as { root?: LexicalNode };
  if (!parsed || typeof parsed !== "object" || !parsed.root) throw new Error("not a Lexical document (no root)");
  return render(parsed.root, dropped);
}
