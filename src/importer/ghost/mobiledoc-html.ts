import { type Dropped, cardHtml, escapeHtml } from "./ghost-cards.js";

// Ghost's Mobiledoc document (0.3.x, the `mobiledoc` field of posts written before Lexical)
// rendered as plain HTML for the one converter. Sections: 1 markup (p, h1–h6, blockquote), 2 image,
// 3 list, 10 card; markers: [0 text | 1 atom, markups opened, markups closed, value].

type Marker = [number, number[], number, unknown];
interface Mobiledoc {
  version?: string;
  atoms?: [string, string, Record<string, unknown>][];
  cards?: [string, Record<string, unknown>][];
  markups?: [string, string[]?][];
  sections?: unknown[][];
}

const SAFE_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "pull-quote"]);

function markers(doc: Mobiledoc, list: Marker[]): string {
  let html = "";
  const open: string[] = [];
  for (const [kind, opened, closed, value] of list) {
    for (const index of opened ?? []) {
      const [tag, attrs = []] = doc.markups?.[index] ?? ["span"];
      const name = ["b", "strong", "i", "em", "a"].includes(tag) ? tag : "span";
      const href = name === "a" ? attrs[attrs.indexOf("href") + 1] : undefined;
      html += href ? `<a href="${escapeHtml(href)}">` : `<${name}>`;
      open.push(name);
    }
    if (kind === 0) html += escapeHtml(String(value ?? ""));
    else {
      const atom = doc.atoms?.[Number(value)];
      html += atom?.[0] === "soft-return" ? "<br>" : escapeHtml(atom?.[1] ?? "");
    }
    for (let i = 0; i < closed; i += 1) html += `</${open.pop() ?? "span"}>`;
  }
  while (open.length) html += `</${open.pop()}>`;
  return html;
}

/** The HTML of a Mobiledoc document; throws when the text is not one. */
export function mobiledocToHtml(mobiledoc: string, dropped: Dropped): string {
  const doc = JSON.parse(mobiledoc) as Mobiledoc;
  if (!doc || !Array.isArray(doc.sections)) throw new Error("not a Mobiledoc document (no sections)");
  return doc.sections
    .map((section) => {
      const [type] = section;
      if (type === 1) {
        const tag = String(section[1]).toLowerCase();
        const name = SAFE_TAGS.has(tag) ? (tag === "aside" || tag === "pull-quote" ? "blockquote" : tag) : "p";
        const inner = markers(doc, section[2] as Marker[]);
        return name === "blockquote" ? `<blockquote><p>${inner}</p></blockquote>` : `<${name}>${inner}</${name}>`;
      }
      if (type === 2) return cardHtml("image", { src: section[1] }, dropped);
      if (type === 3) {
        const tag = section[1] === "ol" ? "ol" : "ul";
        const items = (section[2] as Marker[][]).map((item) => `<li>${markers(doc, item)}</li>`).join("");
        return `<${tag}>${items}</${tag}>`;
      }
      if (type === 10) {
        const card = doc.cards?.[Number(section[1])];
        return card ? cardHtml(card[0], card[1] ?? {}, dropped) : "";
      }
      return "";
    })
    .join("");
}
