import { type DocumentJson as Json, asNodes, str } from "./document-json.js";

// The one reading of a document as plain text, and the one word count. The server uses them for
// descriptions, stored word counts, search, emails and the wire; the newsroom app for the count
// beside the editor, so the writer sees the number the site's reading time is made from.

/** Plain text of a document: paragraphs and headings apart by a blank line, hard breaks kept. */
export function documentToPlainText(doc: unknown): string {
  const out: string[] = [];
  const walk = (nodes: Json[]): void => {
    for (const node of nodes) {
      if (node.type === "text") out.push(str(node.text));
      else if (node.type === "hardBreak") out.push("\n");
      else {
        walk(asNodes(node.content));
        if (node.type === "paragraph" || node.type === "heading") out.push("\n\n");
      }
    }
  };
  walk(asNodes(typeof doc === "object" && doc !== null ? (doc as Json).content : undefined));
  return out
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Words are runs between spaces that hold a letter or a digit: a dash or a bullet is not one. */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words++;
  return words;
}

export const WORDS_PER_MINUTE = 230;

/** Minutes to read so many words, at least one. */
export const readingMinutes = (words: number): number => Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
