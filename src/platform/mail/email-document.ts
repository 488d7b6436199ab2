// Emails are built from one small document model and rendered twice: to HTML made for email
// clients (tables, inline styles, a 600 px column, colours that survive dark mode, images with
// alt, width and absolute URLs) and to a plain-text alternative. Every string is escaped here;
// nothing from the database reaches the HTML unescaped.

export type EmailBlock =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string; muted?: boolean }
  | { type: "button"; text: string; href: string }
  | { type: "section"; title: string }
  | {
      type: "story";
      headline: string;
      href: string;
      kicker?: string;
      line?: string;
      image?: { src: string; alt: string; width: number; height: number };
    }
  | { type: "divider" };

export interface EmailDocument {
  /** The inbox preview line (hidden in the body). */
  preheader: string;
  title: string;
  blocks: EmailBlock[];
  /** Small print: why you got this, how to leave. */
  footer: { text: string; links: { text: string; href: string }[] };
  siteName: string;
  siteUrl: string;
  /** "View in browser", when the email has a web page. */
  webUrl?: string;
}

import { TEXT_WIDTH, wrapText } from "./text-wrap.js";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const INK = "#1b1b1b";
const MUTED = "#555149";
const PAPER = "#ffffff";
const BACK = "#f1ede3";
const BRAND = "#12213a";
const ACCENT = "#a3122f";
const SERIF = "Georgia, 'Times New Roman', serif";
const SANS = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

function blockHtml(block: EmailBlock): string {
  switch (block.type) {
    case "heading":
      return `<h1 class="ink" style="margin:0 0 16px;font:bold 28px/1.2 ${SERIF};color:${INK}">${escape(block.text)}</h1>`;
    case "paragraph":
      return `<p class="${block.muted ? "muted" : "ink"}" style="margin:0 0 16px;font:${block.muted ? "14px" : "17px"}/1.5 ${block.muted ? SANS : SERIF};color:${block.muted ? MUTED : INK}">${escape(block.text)}</p>`;
    case "button":
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px"><tr><td style="border-radius:24px;background:${BRAND}"><a href="${escape(block.href)}" style="display:inline-block;padding:12px 24px;font:bold 16px ${SANS};color:#ffffff;text-decoration:none;border-radius:24px">${escape(block.text)}</a></td></tr></table>`;
    case "section":
      return `<h2 class="accent" style="margin:24px 0 8px;padding-top:8px;border-top:3px solid ${ACCENT};font:bold 13px/1.3 ${SANS};letter-spacing:0.06em;text-transform:uppercase;color:${ACCENT}">${escape(block.title)}</h2>`;
    case "story": {
      const image = block.image
        ? `<a href="${escape(block.href)}"><img src="${escape(block.image.src)}" alt="${escape(block.image.alt)}" width="${block.image.width}" height="${block.image.height}" style="display:block;width:100%;max-width:${block.image.width}px;height:auto;border:0;margin:0 0 12px"></a>`
        : "";
      const kicker = block.kicker
        ? `<p class="accent" style="margin:0 0 4px;font:bold 12px/1.3 ${SANS};letter-spacing:0.04em;text-transform:uppercase;color:${ACCENT}">${escape(block.kicker)}</p>`
        : "";
      const line = block.line
        ? `<p class="ink" style="margin:4px 0 0;font:16px/1.45 ${SERIF};color:${INK}">${escape(block.line)}</p>`
        : "";
      return `<div style="margin:0 0 20px">${image}${kicker}<h3 style="margin:0;font:bold 19px/1.3 ${SERIF}"><a class="brand" href="${escape(block.href)}" style="color:${BRAND};text-decoration:none">${escape(block.headline)}</a></h3>${line}</div>`;
    }
    case "divider":
      return `<hr style="border:0;border-top:1px solid #d9d3c6;margin:24px 0">`;
  }
}

// After the preheader, invisible characters (combining grapheme joiner, zero-width non-joiner, no-break space)
// fill the inbox preview, which would otherwise go on with "View in browser" and the first headline. Preview
// panes show up to about 140 characters, some wide ones near 200: 120 groups outlast them.
const PREHEADER_PADDING = "&#847;&zwnj;&nbsp;".repeat(120);

export function renderEmailHtml(doc: EmailDocument): string {
  const footerLinks = doc.footer.links
    .map((l) => `<a href="${escape(l.href)}" style="color:${MUTED};text-decoration:underline">${escape(l.text)}</a>`)
    .join(" &middot; ");
  const web = doc.webUrl
    ? `<p class="muted" style="margin:0 0 8px;text-align:right;font:12px ${SANS}"><a href="${escape(doc.webUrl)}" style="color:${MUTED}">View in browser</a></p>`
    : "";
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escape(doc.title)}</title>
<style>
@media (max-width: 620px) { .column { width: 100% !important; } .pad { padding: 20px 16px !important; } }
@media (prefers-color-scheme: dark) {
  .page { background: #101114 !important; }
  .column, .pad { background: #16171a !important; }
  .foot { background: #1d1f24 !important; }
  .ink { color: #ece9e2 !important; }
  .muted, .muted a { color: #b7b2a8 !important; }
  .brand { color: #a9c8ff !important; }
  .accent { color: #ff8fa3 !important; border-color: #ff8fa3 !important; }
}
</style>
</head>
<body class="page" style="margin:0;padding:0;background:${BACK}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escape(doc.preheader)}${PREHEADER_PADDING}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${BACK}">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="column" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background:${PAPER}">
<tr><td class="pad" style="padding:28px 32px">
${web}
<p style="margin:0 0 24px;padding-bottom:16px;border-bottom:1px solid #d9d3c6;text-align:center;font:bold 30px/1 ${SERIF}"><a class="brand" href="${escape(doc.siteUrl)}" style="color:${BRAND};text-decoration:none">${escape(doc.siteName)}</a></p>
${doc.blocks.map(blockHtml).join("\n")}
</td></tr>
<tr><td class="pad foot" style="padding:20px 32px 28px;background:#faf8f3;border-top:1px solid #d9d3c6">
<p class="muted" style="margin:0 0 8px;font:13px/1.5 ${SANS};color:${MUTED}">${escape(doc.footer.text)}</p>
<p class="muted" style="margin:0;font:13px/1.5 ${SANS};color:${MUTED}">${footerLinks}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/**
 * The plain-text alternative, from the same document: readable in any client and by screen readers. Lines of
 * at most 78 characters; every URL on a line of its own.
 */
export function renderEmailText(doc: EmailDocument): string {
  const out: string[] = [doc.siteName.toUpperCase(), ""];
  const underlined = (text: string, mark: string) => {
    const lines = wrapText(text);
    out.push(...lines, mark.repeat(Math.min(Math.max(...lines.map((l) => l.length)), TEXT_WIDTH)), "");
  };
  if (doc.webUrl) out.push("View in browser:", doc.webUrl, "");
  for (const block of doc.blocks) {
    switch (block.type) {
      case "heading":
        underlined(block.text, "=");
        break;
      case "paragraph":
        out.push(...wrapText(block.text), "");
        break;
      case "button":
        out.push(...wrapText(`${block.text}:`), block.href, "");
        break;
      case "section":
        underlined(block.title.toUpperCase(), "-");
        break;
      case "story":
        out.push(...wrapText(block.headline, { first: "* ", indent: "  " }));
        if (block.line) out.push(...wrapText(block.line, { first: "  ", indent: "  " }));
        out.push(`  ${block.href}`, "");
        break;
      case "divider":
        out.push("---", "");
        break;
    }
  }
  out.push("--", ...wrapText(doc.footer.text));
  for (const link of doc.footer.links) out.push(`${link.text}:`, link.href);
  return `${out.join("\n")}\n`;
}
