import { countWords as countText, documentToPlainText } from "../../articles/document/plain-text.js";
import type { DocNode } from "./types.js";

// Word count and reading time by the server's own rules (src/articles/document/plain-text.ts), and
// a document as text for the newsroom's own displays (revisions, the live desk), pictures named.

export { readingMinutes } from "../../articles/document/plain-text.js";

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

/** The words of a standfirst and a body, counted as the server counts them. */
export function countWords(standfirst: string, body: DocNode | undefined): number {
  return countText(`${standfirst} ${documentToPlainText(body)}`);
}

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
