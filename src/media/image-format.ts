import type { ImageFormat } from "./image.js";

/** How many leading bytes sniffFormat needs to see. */
export const SNIFF_BYTES = 64;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString("latin1");

/**
 * The image format the bytes themselves declare (their signature), never the file's name or the
 * client's Content-Type. AVIF is an ISO-BMFF file whose `ftyp` box names the "avif" or "avis"
 * brand (AV1 Image File Format, section 9); other HEIF files (HEIC) are not accepted.
 */
export function sniffFormat(head: Buffer): ImageFormat | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG)) return "png";
  if (head.length >= 6 && /^GIF8[79]a$/.test(ascii(head, 0, 6))) return "gif";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  if (head.length >= 16 && ascii(head, 4, 8) === "ftyp") {
    const boxEnd = Math.min(head.readUInt32BE(0), head.length);
    const brands = [ascii(head, 8, 12)];
    for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, at + 4));
    if (brands.some((b) => b === "avif" || b === "avis")) return "avif";
  }
  return undefined;
}

/** sharp's name for a format it decoded, in our terms (AVIF is HEIF compressed with AV1). */
export function decodedFormat(meta: { format?: string; compression?: string }): ImageFormat | undefined {
  switch (meta.format) {
    case "jpeg":
    case "png":
    case "webp":
    case "gif":
      return meta.format;
    case "heif":
      return meta.compression === "av1" ? "avif" : undefined;
    default:
      return undefined;
  }
}
