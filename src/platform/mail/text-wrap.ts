// The plain-text part's lines: at most 78 characters (RFC 5322 §2.1.1 asks for 78 at most), broken between
// words. A URL always stands on a line of its own, never broken: a mail client can then still recognise and
// open it, and nothing wraps it mid-address.

export const TEXT_WIDTH = 78;
const URL_WORD = /^(https?:\/\/|mailto:)\S+$/;

/** `text` in lines of at most `width` characters (a single longer word, or a URL, alone on its line). */
export function wrapText(text: string, options: { first?: string; indent?: string; width?: number } = {}): string[] {
  const { first = "", indent = "", width = TEXT_WIDTH } = options;
  const lines: string[] = [];
  let line = "";
  let prefix = first;
  const flush = () => {
    if (line) lines.push(prefix + line);
    line = "";
    if (lines.length) prefix = indent;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (URL_WORD.test(word)) {
      flush();
      lines.push(indent + word);
      prefix = indent;
      continue;
    }
    if (line && prefix.length + line.length + 1 + word.length > width) flush();
    line = line ? `${line} ${word}` : word;
  }
  flush();
  return lines;
}
