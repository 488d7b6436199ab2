import type { DocNode } from "./types.js";

// Word count, reading time and plain text of a document, as the server counts them
// (standfirst + body, words with a letter or digit, 230 words a minute).

export const WORDS_PER_MINUTE = 230;

export function docToText(doc: DocNode | undefined): string {
  const out: string[] = [];
  const walk = (nodes: DocNode[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "text") out.push(node.text ?? "");
      else if (node.type === "hardBreak") out.push("\n");
      else if (node.type === "image") out.push(`[Image: ${String(node.attrs?.alt ?? "")}]\n\n`);
      else if (node.type === "embed") out.push(`[Post: ${String(node.attrs?.url ?? "")}]\n\n`);
      else if (node.type === "video") out.push(`[Video ${String(node.attrs?.videoId ?? "")}]\n\n`);
      else {
        walk(node.content);
        if (node.type === "paragraph" || node.type === "heading" || node.type === "pullQuote") out.push("\n\n");
      }
    }
  };
  walk(doc?.content);
  return out
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function bodyWords(doc: DocNode | undefined): string {
  const out: string[] = [];
  const walk = (nodes: DocNode[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "text") out.push(node.text ?? "");
      else if (node.type === "hardBreak") out.push("\n");
      else {
        walk(node.content);
        if (node.type === "paragraph" || node.type === "heading") out.push("\n\n");
      }
    }
  };
  walk(doc?.content);
  return out.join("");
}

export function countWords(standfirst: string, body: DocNode | undefined): number {
  return `${standfirst} ${bodyWords(body)}`.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export const readingMinutes = (words: number) => Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));

function isHttpsUrl(url: unknown): boolean {
  if (typeof url !== "string" || /\s/.test(url)) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The editor's document made fit to store: blocks the allow-list would refuse while they are
 * still being written (an empty pull quote, an image without a picture) are left out of the save,
 * not out of the editor.
 */
export function storableDocument(doc: DocNode): DocNode {
  const content = (doc.content ?? []).filter((node) => {
    if (node.type === "pullQuote") return (node.content?.length ?? 0) > 0;
    if (node.type === "image") return Number.isInteger(node.attrs?.mediaId) && (node.attrs?.mediaId as number) > 0;
    if (node.type === "embed") return isHttpsUrl(node.attrs?.url);
    return true;
  });
  return { type: "doc", content };
}
