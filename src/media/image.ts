import type { MediaRow } from "./media.table.js";

/** An image as pages use it: every URL is root-relative under /media. */
export interface Image {
  id: number;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** WebP variants, narrowest first. */
  variants: { width: number; src: string }[];
}

export const MEDIA_PREFIX = "/media/";

/** The WebP variant of an original: "images/x-1.jpg" at 640 → "images/x-1-640.webp". */
export function variantKey(storageKey: string, width: number): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/i, "")}-${width}.webp`;
}

export function toImage(row: MediaRow): Image {
  let widths: number[] = [];
  try {
    const parsed: unknown = JSON.parse(row.variant_widths);
    if (Array.isArray(parsed)) widths = parsed.filter((w): w is number => Number.isInteger(w));
  } catch {
    // A damaged variant list degrades to the original file alone.
  }
  return {
    id: row.id,
    src: MEDIA_PREFIX + row.storage_key,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants: widths
      .sort((a, b) => a - b)
      .map((width) => ({ width, src: MEDIA_PREFIX + variantKey(row.storage_key, width) })),
  };
}
