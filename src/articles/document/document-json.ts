// Defensive readers for a stored document: it was validated on write, but renderers never trust
// that, so an odd node is skipped rather than breaking a page or a feed.

export type DocumentJson = { type?: unknown; text?: unknown; marks?: unknown; attrs?: unknown; content?: unknown };

export const asNodes = (content: unknown): DocumentJson[] =>
  Array.isArray(content) ? content.filter((n): n is DocumentJson => typeof n === "object" && n !== null) : [];

export const attrsOf = (node: DocumentJson): Record<string, unknown> =>
  typeof node.attrs === "object" && node.attrs !== null ? (node.attrs as Record<string, unknown>) : {};

export const str = (v: unknown): string => (typeof v === "string" ? v : "");
