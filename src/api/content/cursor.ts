import { z } from "zod";

// The list's cursor: the position of the last article of a page, (published_at, id), as base64url
// JSON. Clients treat it as opaque; anything that does not decode to a valid position is refused.

export interface Cursor {
  publishedAt: Date;
  id: number;
}

const payload = z.strictObject({
  v: z.literal(1),
  p: z.iso.datetime(),
  i: z.number().int().positive(),
});

export function encodeCursor(position: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position.publishedAt.toISOString(), i: position.id })).toString(
    "base64url",
  );
}

export function decodeCursor(value: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  const text = Buffer.from(value, "base64url").toString("utf8");
  // Base64url decoding ignores what it cannot read; only a cursor we could have issued is accepted.
  if (Buffer.from(text).toString("base64url") !== value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) return undefined;
  return { publishedAt: new Date(parsed.data.p), id: parsed.data.i };
}
