import { z } from "zod";
import type { ArticleDocument } from "../articles/document/document.schema.js";

// One item as every format hands it over, whatever the source said: what the queue stores.

export const WIRE_FORMATS = ["rss", "atom", "ninjs", "newsml-g2", "email"] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** usable: may be used; canceled: withdrawn by the agency (a kill); every draft made from it is warned. */
export type PubStatus = "usable" | "canceled";

/** A picture offered with an item: kept with it, fetched only when "Use this" makes a draft. */
export interface WireImage {
  url: string;
  caption?: string;
  credit?: string;
  alt?: string;
  /** The rendition's size as the source states it (pixels, bytes), when it does. */
  width?: number;
  height?: number;
  bytes?: number;
}

export interface WireItemInput {
  /** The provider's id for the item (RSS guid or link, Atom id, ninjs uri, NewsML-G2 guid). */
  guid: string;
  /** Higher is newer; formats without versions use 1 and compare by `versionAt`. */
  version: number;
  headline: string;
  standfirst: string;
  byline: string;
  /** The agency or source to credit. */
  credit: string;
  body: ArticleDocument;
  /** 1 (flash) … 9 (lowest), as IPTC urgency; null when the source says nothing. */
  urgency: number | null;
  pubStatus: PubStatus;
  embargoAt: string | null;
  /** When this version was made, by the source's clock (ISO). */
  versionAt: string | null;
  /** The item's own page at the source, if any (absolute http(s)). */
  url: string | null;
  subjects: string[];
  images: WireImage[];
}

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max));

const isoOrNull = z
  .string()
  .nullable()
  .transform((s, ctx) => {
    if (s === null || s.trim() === "") return null;
    const t = Date.parse(s);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: `not a date: ${s.slice(0, 40)}` });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

const httpUrl = z
  .string()
  .nullable()
  .transform((s) => {
    if (!s) return null;
    try {
      const url = new URL(s.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
    } catch {
      return null;
    }
  });

/** A stated size: a positive whole number, else dropped (it only informs the newsroom). */
const size = z
  .unknown()
  .transform((v) => {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : NaN;
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  })
  .optional();

/** What a parser produced, checked and trimmed before anything is stored. */
export const wireItemSchema = z.object({
  guid: z.string().trim().min(1, "no id (guid)").max(500, "id longer than 500 characters"),
  version: z.number().int().min(1).max(1_000_000),
  headline: text(300).pipe(z.string().min(1, "no headline")),
  standfirst: text(1000),
  byline: text(200),
  credit: text(200),
  body: z.custom<ArticleDocument>(
    (v) => typeof v === "object" && v !== null && (v as { type?: unknown }).type === "doc",
  ),
  urgency: z.number().int().min(1).max(9).nullable(),
  pubStatus: z.enum(["usable", "canceled"]),
  embargoAt: isoOrNull,
  versionAt: isoOrNull,
  url: httpUrl,
  subjects: z.array(text(100)).max(50),
  images: z
    .array(
      z.object({
        url: z.string(),
        caption: text(1000).optional(),
        credit: text(200).optional(),
        alt: text(500).optional(),
        width: size,
        height: size,
        bytes: size,
      }),
    )
    // Pictures past the twentieth are dropped rather than the item refused for them.
    .transform((images) =>
      images
        .flatMap((i) => {
          const url = httpUrl.parse(i.url);
          if (!url) return [];
          const kept = Object.entries({ ...i, url }).filter(([, v]) => v !== undefined && v !== "");
          return [Object.fromEntries(kept) as unknown as WireImage];
        })
        .slice(0, 20),
    ),
});

export interface ParsedFeed {
  items: WireItemInput[];
  /** Items the feed carried that could not be taken, each with why (the rest are stored). */
  errors: { item: string; message: string }[];
}

/** Checks each raw item; a bad one is reported by its id or position and the others go on. */
export function checkItems(raw: { label: string; item: unknown }[]): ParsedFeed {
  const items: WireItemInput[] = [];
  const errors: ParsedFeed["errors"] = [];
  for (const { label, item } of raw) {
    const result = wireItemSchema.safeParse(item);
    if (result.success) items.push(result.data as WireItemInput);
    else errors.push({ item: label, message: result.error.issues.map((i) => i.message).join("; ") });
  }
  return { items, errors };
}
