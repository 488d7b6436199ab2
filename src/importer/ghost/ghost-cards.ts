import { recogniseEmbed } from "../../articles/document/embed-url.js";

// Ghost's cards (the blocks of both its editors, Lexical and Mobiledoc, with the same payloads)
// rendered as plain HTML for the one converter (articles/document/html-to-document.ts). Cards with
// nothing our document can hold (a signup form, a product box, a paywall marker) are counted as
// dropped, never passed on as markup.

export type Dropped = Map<string, number>;

export const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const str = (value: unknown) => (typeof value === "string" ? value : "");
const count = (dropped: Dropped, name: string) => dropped.set(name, (dropped.get(name) ?? 0) + 1);

function figure(src: string, alt: string, caption: string): string {
  if (!src) return "";
  // Captions are HTML in Ghost; the converter takes the figcaption's text.
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
}

function link(url: string, title: string): string {
  return url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(title || url)}</a></p>` : "";
}

export function cardHtml(name: string, payload: Record<string, unknown>, dropped: Dropped): string {
  const meta = (payload.metadata ?? {}) as Record<string, unknown>;
  switch (name) {
    case "image":
      return figure(str(payload.src), str(payload.alt), str(payload.caption));
    case "gallery": {
      const images = Array.isArray(payload.images) ? (payload.images as Record<string, unknown>[]) : [];
      return (
        images.map((i) => figure(str(i.src), str(i.alt), str(i.caption))).join("") +
        (str(payload.caption) ? `<p>${str(payload.caption)}</p>` : "")
      );
    }
    case "html":
      return str(payload.html);
    case "markdown":
    case "card-markdown":
      return markdownToHtml(str(payload.markdown));
    case "embed": {
      // A recognised player becomes our embed node; any other embed stays a link to its page.
      const url = str(payload.url);
      return recogniseEmbed(url) ? `<iframe src="${escapeHtml(url)}"></iframe>` : link(url, str(meta.title));
    }
    case "bookmark":
      return link(str(payload.url) || str(meta.url), str(meta.title));
    case "hr":
    case "horizontalrule":
      return "<hr>";
    case "code":
    case "codeblock":
      return `<p>${escapeHtml(str(payload.code)).replace(/\n/g, "<br>")}</p>`;
    case "callout":
      return `<p>${str(payload.calloutEmoji) ? `${escapeHtml(str(payload.calloutEmoji))} ` : ""}${str(payload.calloutText)}</p>`;
    case "toggle":
      return `<h3>${str(payload.heading)}</h3>${str(payload.content)}`;
    case "button":
      return link(str(payload.buttonUrl), str(payload.buttonText));
    case "header":
      return `${str(payload.header) ? `<h2>${str(payload.header)}</h2>` : ""}${str(payload.subheader) ? `<p>${str(payload.subheader)}</p>` : ""}`;
    default:
      count(dropped, `${name} card`);
      return "";
  }
}

/** The small Markdown Ghost's markdown card holds: headings, lists, quotes, rules, emphasis, links, images. */
export function markdownToHtml(markdown: string): string {
  const inline = (text: string) =>
    escapeHtml(text)
      .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '<img src="$2" alt="$1">')
      .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '<a href="$2">$1</a>')
      .replace(/(\*\*|__)(.+?)\1/g, "<strong>$2</strong>")
      .replace(/(\*|_)(.+?)\1/g, "<em>$2</em>");
  const out: string[] = [];
  for (const block of markdown.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => l.trim());
    if (!lines.length) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]!);
    if (heading && lines.length === 1)
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    else if (lines.every((l) => /^\s*[-*+]\s+/.test(l)))
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*+]\s+/, ""))}</li>`).join("")}</ul>`);
    else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l)))
      out.push(`<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+[.)]\s+/, ""))}</li>`).join("")}</ol>`);
    else if (lines.every((l) => l.startsWith(">")))
      out.push(`<blockquote><p>${lines.map((l) => inline(l.replace(/^>\s?/, ""))).join(" ")}</p></blockquote>`);
    else if (/^([-*_])\1{2,}$/.test(lines[0]!.trim()) && lines.length === 1) out.push("<hr>");
    else if (/^!\[[^\]]*\]\([^)]+\)$/.test(lines[0]!.trim()) && lines.length === 1) out.push(inline(lines[0]!.trim()));
    else out.push(`<p>${lines.map(inline).join("<br>")}</p>`);
  }
  return out.join("");
}
