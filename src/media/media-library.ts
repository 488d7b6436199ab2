import { z } from "zod";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { IMAGE_FORMATS, MIME_OF } from "./image.js";
import { type MediaItem, toMediaItem } from "./media-item.js";
import { listMediaEntries } from "./media.queries.js";

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/** GET /media: `kind` is "image" (everything) or one format; dates are days or instants. */
export const mediaListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(["image", ...IMAGE_FORMATS]).optional(),
  from: z.union([day, instant]).optional(),
  to: z.union([day, instant]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const DAY_MS = 86_400_000;

/** A day means that whole UTC day: `from` its start, `to` up to the next day's start. */
function bound(value: string | undefined, edge: "from" | "to"): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return new Date(edge === "from" ? start : start + DAY_MS).toISOString();
  }
  // An instant: `to` includes it.
  const at = Date.parse(value);
  return new Date(edge === "from" ? at : at + 1).toISOString();
}

export function encodeCursor(at: { createdAt: string; id: number }): string {
  return Buffer.from(JSON.stringify([at.createdAt, at.id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: string; id: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && typeof parsed[0] === "string" && Number.isSafeInteger(parsed[1])) {
      return { createdAt: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError("VALIDATION_FAILED", "cursor: Not a cursor from this list", {
    details: [{ path: "cursor", message: "Not a cursor from this list" }],
  });
}

export async function listMedia(
  db: Db,
  query: z.output<typeof mediaListQuery>,
): Promise<{ items: MediaItem[]; next: string | null }> {
  const kind = query.kind && query.kind !== "image" ? query.kind : undefined;
  const from = bound(query.from, "from");
  const until = bound(query.to, "to");
  const { rows, next } = await listMediaEntries(db, {
    words: (query.q ?? "").split(/\s+/).filter(Boolean).slice(0, 8),
    ...(kind ? { mime: MIME_OF[kind] } : {}),
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    limit: query.limit,
  });
  return { items: rows.map(toMediaItem), next: next ? encodeCursor(next) : null };
}
