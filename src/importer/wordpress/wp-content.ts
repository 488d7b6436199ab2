import { recogniseEmbed } from "../../articles/document/embed-url.js";
import { escapeHtml } from "../ghost/ghost-cards.js";

// WordPress's post content as stored (what WXR exports): HTML with Gutenberg's block comments, or
// classic content whose paragraphs are blank lines (WordPress adds the <p> when it shows a post),
// and shortcodes. This turns it into plain HTML for the one converter: embed blocks, [embed] and
// URLs alone on a line (WordPress's oEmbed) become players the converter recognises, [caption]
// becomes a figure, [gallery] the attachments' pictures; other shortcodes are removed (their
// enclosed text kept) and counted.

export type Dropped = Map<string, number>;
const count = (dropped: Dropped, name: string) => dropped.set(name, (dropped.get(name) ?? 0) + 1);

function embedHtml(url: string): string {
  const clean = url.trim();
  if (recogniseEmbed(clean)) return `<iframe src="${escapeHtml(clean)}"></iframe>`;
  return /^https?:\/\//.test(clean) ? `<p><a href="${escapeHtml(clean)}">${escapeHtml(clean)}</a></p>` : "";
}

const attr = (attrs: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s\\]]+))`, "i")
    .exec(attrs)
    ?.slice(1)
    .find((v) => v !== undefined);

/** Blocks of Gutenberg whose comment holds the address: core/embed and the older core-embed/<provider>. */
function gutenbergEmbeds(html: string): string {
  return html.replace(
    /<!--\s*wp:(?:core-)?embed(?:\/[\w-]+)?\s+(\{[\s\S]*?\})\s*-->[\s\S]*?<!--\s*\/wp:(?:core-)?embed(?:\/[\w-]+)?\s*-->/g,
    (whole, json: string) => {
      try {
        const url = (JSON.parse(json) as { url?: unknown }).url;
        return typeof url === "string" ? embedHtml(url) : whole;
      } catch {
        return whole;
      }
    },
  );
}

function shortcodes(html: string, attachments: Map<string, string>, dropped: Dropped): string {
  let out = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_, _attrs: string, inner: string) => {
    const img = /<img\b[^>]*>/i.exec(inner)?.[0] ?? "";
    const withLink = /<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>/i.exec(inner)?.[0];
    const caption = inner.replace(withLink ?? img, "").trim();
    return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
  });
  out = out.replace(/\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi, (_, url: string) => embedHtml(url));
  out = out.replace(/\[(youtube|vimeo)\s+([^\]\s]+)[^\]]*\]/gi, (_, _name: string, url: string) =>
    embedHtml(url.replace(/^url=/, "")),
  );
  out = out.replace(/\[gallery([^\]]*)\]/gi, (_, attrs: string) => {
    const ids = (attr(attrs, "ids") ?? "").split(",").map((s) => s.trim());
    const images = ids.flatMap((id) => {
      const src = attachments.get(id);
      return src ? [`<figure><img src="${escapeHtml(src)}" alt=""></figure>`] : [];
    });
    if (!images.length) count(dropped, "[gallery] shortcode");
    return images.join("");
  });
  // Any other shortcode: an enclosing one keeps its text; a self-closing one with attributes goes.
  // A bracketed word alone ("[sic]") is text, not a shortcode, and stays.
  out = out.replace(/\[([a-z][\w-]*)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/gi, (_, name: string, _a, inner: string) => {
    count(dropped, `[${name.toLowerCase()}] shortcode`);
    return inner;
  });
  out = out.replace(/\[([a-z][\w-]*)\s+[a-z_-]+\s*=[^\]]*\/?\]/gi, (_, name: string) => {
    count(dropped, `[${name.toLowerCase()}] shortcode`);
    return "";
  });
  return out;
}

/** WordPress's wpautop, in short: blank lines part paragraphs, a single newline is a line break. */
function autoParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html) || /<!--\s*wp:/.test(html)) return html;
  const BLOCK = /^\s*<(?:h[1-6]|ul|ol|blockquote|figure|iframe|table|div|hr|pre)\b/i;
  return html
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((chunk) => (BLOCK.test(chunk) || !chunk.trim() ? chunk : `<p>${chunk.trim().replace(/\n/g, "<br>\n")}</p>`))
    .join("\n");
}

/** A URL alone on its line, as WordPress embeds it. */
const bareUrls = (html: string) =>
  html.replace(/(^|\n|<p>)\s*(https?:\/\/[^\s<]+)\s*(?=\n|<\/p>|$)/g, (whole, lead: string, url: string) =>
    recogniseEmbed(url) ? `${lead}${embedHtml(url)}` : whole,
  );

export function wordpressContentToHtml(content: string, attachments: Map<string, string>, dropped: Dropped): string {
  return bareUrls(shortcodes(gutenbergEmbeds(autoParagraphs(content)), attachments, dropped));
}
