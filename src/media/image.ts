import type { MediaRow } from "./media.table.js";

/** The largest image file the library takes (an upload, an imported or a wire picture). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

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
  /** AVIF variants, narrowest first; absent for seeded images and animations. */
  avif?: { width: number; src: string }[];
  /** Variants in the original's own format (the <img> srcset), narrowest first. */
  fallback?: { width: number; src: string }[];
  /** The 1200 × 630 social card cut around the focal point (for og:image), when one was made. */
  social?: string;
}

/** Where the site serves stored files: SITE_URL/media/<key>. */
export const MEDIA_PREFIX = "/media/";

let mediaBase = MEDIA_PREFIX;

/**
 * Where pages, feeds and emails link stored files: under the site's /media/ (root-relative, the
 * default) or, with MEDIA_PUBLIC_URL, at a public bucket or CDN ("https://media.example.com/<key>").
 * Set once per process at start-up (buildApp, the job handlers), before anything is rendered.
 */
export function setMediaPublicUrl(url: string | undefined): void {
  mediaBase = url ? `${url.replace(/\/+$/, "")}/` : MEDIA_PREFIX;
}

/** The URL of a stored file for pages and emails. */
export const mediaUrl = (key: string): string => mediaBase + key;

/** The storage key of a URL made by mediaUrl (or a site /media/ path); undefined for other URLs. */
export function mediaKeyOf(url: string): string | undefined {
  if (url.startsWith(mediaBase)) return url.slice(mediaBase.length);
  return url.startsWith(MEDIA_PREFIX) ? url.slice(MEDIA_PREFIX.length) : undefined;
}

export const IMAGE_FORMATS = ["jpeg", "png", "webp", "avif", "gif"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const MIME_OF: Record<ImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

export const EXTENSION_OF: Record<ImageFormat, string> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  avif: "avif",
  gif: "gif",
};

export function formatOfMime(mime: string): ImageFormat | undefined {
  return IMAGE_FORMATS.find((f) => MIME_OF[f] === mime);
}

function baseOf(storageKey: string): string {
  return storageKey.replace(/\.[a-z0-9]+$/i, "");
}

/** A variant of an original: "images/x-1.jpg" at 640 → "images/x-1-640.webp" (or .avif, .jpg…). */
export function variantKey(storageKey: string, width: number, format: ImageFormat = "webp"): string {
  return `${baseOf(storageKey)}-${width}.${EXTENSION_OF[format]}`;
}

export const CROPS = {
  /** The library's square thumbnail. */
  thumb: { width: 320, height: 320, format: "webp" },
  /** The social card (Open Graph, X): 1.91:1, JPEG because every scraper reads it. */
  social: { width: 1200, height: 630, format: "jpeg" },
} as const satisfies Record<string, { width: number; height: number; format: ImageFormat }>;
export type CropName = keyof typeof CROPS;

/**
 * A focal crop: "images/x.jpg" → "images/x-social-v2.jpg". The version is in the name because
 * /media is cached for 30 days: moving the focal point must give the crop a new URL.
 */
export function cropKey(storageKey: string, crop: CropName, version: number): string {
  return `${baseOf(storageKey)}-${crop}-v${version}.${EXTENSION_OF[CROPS[crop].format]}`;
}

/** Parses a JSON list column defensively: a damaged list degrades to what `keep` accepts of it. */
export function parseList<T>(json: string | undefined, keep: (v: unknown) => v is T): T[] {
  if (json === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(keep) : [];
  } catch {
    return [];
  }
}

export const isWidth = (w: unknown): w is number => Number.isInteger(w) && (w as number) > 0;
export const isFormat = (f: unknown): f is ImageFormat => IMAGE_FORMATS.includes(f as ImageFormat);

export function toImage(row: MediaRow): Image {
  const widths = parseList(row.variant_widths, isWidth).sort((a, b) => a - b);
  // Rows that predate the library (or queries that do not select the column) have WebP only.
  const formats = row.formats === undefined ? ["webp"] : parseList(row.formats, isFormat);
  const at = (format: ImageFormat) =>
    formats.includes(format)
      ? widths.map((width) => ({ width, src: mediaUrl(variantKey(row.storage_key, width, format)) }))
      : [];
  const own = formatOfMime(row.mime);
  const image: Image = {
    id: row.id,
    src: mediaUrl(row.storage_key),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants: at("webp"),
  };
  const avif = at("avif");
  if (avif.length > 0) image.avif = avif;
  const fallback = own ? at(own) : [];
  if (fallback.length > 0) image.fallback = fallback;
  if (row.crop_version) image.social = mediaUrl(cropKey(row.storage_key, "social", row.crop_version));
  return image;
}
