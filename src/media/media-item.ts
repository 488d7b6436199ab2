import { type ImageFormat, cropKey, mediaUrl, isFormat, isWidth, parseList, variantKey } from "./image.js";
import type { MediaLibraryEntry } from "./media.queries.js";

/** An image as the newsroom's media library shows it (the API's `MediaItem`). */
export interface MediaItem {
  id: number;
  kind: "image";
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  focalX: number;
  focalY: number;
  filename: string;
  /** The cleaned original. */
  url: string;
  /** A square crop around the focal point (a small variant for images stored before the library). */
  thumbUrl: string;
  /** The 1200 × 630 social card around the focal point (the original when none was made). */
  socialUrl: string;
  variants: { width: number; format: ImageFormat; url: string }[];
  createdAt: string;
  uploadedBy: { id: number; name: string } | null;
}

export function toMediaItem(row: MediaLibraryEntry): MediaItem {
  const widths = parseList(row.variant_widths, isWidth).sort((a, b) => a - b);
  const formats = parseList(row.formats, isFormat);
  const variants = widths.flatMap((width) =>
    formats.map((format) => ({ width, format, url: mediaUrl(variantKey(row.storage_key, width, format)) })),
  );
  const url = mediaUrl(row.storage_key);
  const smallWebp = variants.find((v) => v.format === "webp");
  const cropped = row.crop_version > 0;
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    focalX: Number(row.focal_x),
    focalY: Number(row.focal_y),
    filename: row.original_filename,
    url,
    thumbUrl: cropped ? mediaUrl(cropKey(row.storage_key, "thumb", row.crop_version)) : (smallWebp?.url ?? url),
    socialUrl: cropped ? mediaUrl(cropKey(row.storage_key, "social", row.crop_version)) : url,
    variants,
    createdAt: new Date(row.created_at).toISOString(),
    uploadedBy: row.uploaded_by === null ? null : { id: row.uploaded_by, name: row.uploader_name ?? "" },
  };
}

/**
 * The uploaded file's name, safe to show and search: no directories, no control or markup
 * characters, at most 200 characters. Never used to build a storage key.
 */
export function sanitiseFilename(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  return base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}<>"'`]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}
