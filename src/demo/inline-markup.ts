import type { InlineNode, Mark } from "../articles/document/document.schema.js";

// The demo copy is written with a tiny markup: **bold**, *italic* and [text](https://…).
const TOKEN = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): InlineNode[] {
  const out: InlineNode[] = [];
  const push = (t: string, marks?: Mark[]) => {
    if (t) out.push(marks ? { type: "text", text: t, marks } : { type: "text", text: t });
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    push(text.slice(last, m.index));
    if (m[1] !== undefined) push(m[1], [{ type: "bold" }]);
    else if (m[2] !== undefined) push(m[2], [{ type: "italic" }]);
    else if (m[3] !== undefined && m[4] !== undefined) push(m[3], [{ type: "link", attrs: { href: m[4] } }]);
    last = m.index + m[0].length;
  }
  push(text.slice(last));
  return out;
}
