import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
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
 * Copies an original under DATA_DIR/media/<storageKey> and writes WebP variants no wider than
 * the original. Files are written to a temporary name and renamed, so a crash leaves no half file.
 */
export async function storeImage(mediaDir: string, source: Buffer, storageKey: string): Promise<StoredImage> {
  const image = sharp(source, { limitInputPixels: 50_000_000 });
  const meta = await image.metadata();
  if (!meta.width || !meta.height || !meta.format) throw new Error(`Not an image: ${storageKey}`);
  const target = path.join(mediaDir, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const widths = VARIANT_WIDTHS.filter((w) => w <= meta.width!);
  const result = {
    storageKey,
    mime: `image/${meta.format === "jpg" ? "jpeg" : meta.format}`,
    width: meta.width,
    height: meta.height,
    variantWidths: widths,
  };
  // Re-storing the same original (a re-seed, a retried job) reuses the variants already made.
  const existing = await fs.readFile(target).catch(() => undefined);
  if (existing?.equals(source) && (await allExist(widths.map((w) => path.join(mediaDir, variantKey(storageKey, w)))))) {
    return result;
  }
  await writeAtomically(target, source);
  for (const width of widths) {
    const webp = await sharp(source).rotate().resize({ width }).webp({ quality: 72 }).toBuffer();
    await writeAtomically(path.join(mediaDir, variantKey(storageKey, width)), webp);
  }
  return result;
}

async function allExist(files: string[]): Promise<boolean> {
  const found = await Promise.all(
    files.map((f) =>
      fs.access(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

export async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}
