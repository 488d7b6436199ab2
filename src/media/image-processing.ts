import type { Readable } from "node:stream";
import sharp from "sharp";
import type { Storage } from "../platform/storage/storage.js";
import { variantKey } from "./image.js";

export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920];

export interface StoredImage {
  storageKey: string;
  mime: string;
  width: number;
  height: number;
  variantWidths: number[];
}

/**
 * Stores an original under <storageKey> and WebP variants no wider than the original. Storage
 * writes atomically, so a crash leaves no half file.
 */
export async function storeImage(storage: Storage, source: Buffer, storageKey: string): Promise<StoredImage> {
  const image = sharp(source, { limitInputPixels: 50_000_000 });
  const meta = await image.metadata();
  if (!meta.width || !meta.height || !meta.format) throw new Error(`Not an image: ${storageKey}`);
  const widths = VARIANT_WIDTHS.filter((w) => w <= meta.width!);
  const result = {
    storageKey,
    mime: `image/${meta.format === "jpg" ? "jpeg" : meta.format}`,
    width: meta.width,
    height: meta.height,
    variantWidths: widths,
  };
  // Re-storing the same original (a re-seed, a retried job) reuses the variants already made.
  const existing = await storage.stat(storageKey);
  if (
    existing?.size === source.length &&
    (await readAll(storage.read(storageKey))).equals(source) &&
    (await allExist(storage, [...widths.map((w) => variantKey(storageKey, w))]))
  ) {
    return result;
  }
  await storage.write(storageKey, source);
  for (const width of widths) {
    const webp = await sharp(source).rotate().resize({ width }).webp({ quality: 72 }).toBuffer();
    await storage.write(variantKey(storageKey, width), webp);
  }
  return result;
}

async function allExist(storage: Storage, keys: string[]): Promise<boolean> {
  const found = await Promise.all(keys.map((k) => storage.stat(k)));
  return found.every(Boolean);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
