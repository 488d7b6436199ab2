import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import type { Storage } from "../platform/storage/storage.js";
import { EXTENSION_OF, MIME_OF } from "./image.js";
import { type InspectedImage, MAX_UPLOAD_BYTES, inspectImage, storeUpload } from "./image-pipeline.js";
import { findMediaBySha256, insertMedia, searchTextOf } from "./media.queries.js";

// Bytes that arrived some other way than the newsroom's upload form (an imported site's files, a
// wire picture) go into the library by the same steps as an upload (README.md): type from the
// content, the pixel limit, metadata stripped, variants and crops, and the same bytes stored once.

export interface ImageDescription {
  alt?: string | undefined;
  caption?: string | undefined;
  credit?: string | undefined;
  /** A name for the library's search; never a storage key. */
  filename: string;
  uploadedBy?: number | null | undefined;
}

export interface StoredImage {
  id: number;
  /** The same bytes were in the library already: their row is answered and nothing is written. */
  reused: boolean;
}

/** What the bytes are, by their content; an AppError saying why when they are not an image we take. */
export async function checkImageBytes(bytes: Buffer): Promise<InspectedImage> {
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", `larger than ${MAX_UPLOAD_BYTES / 1048576} MB`);
  return inspectImage(bytes, bytes.subarray(0, 64));
}

/** Stores checked bytes with their variants and crops, unless the same bytes are stored already. */
export async function storeImageBytes(
  db: Db,
  storage: Storage,
  bytes: Buffer,
  inspected: InspectedImage,
  described: ImageDescription,
  now: Date,
): Promise<StoredImage> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const same = await findMediaBySha256(db, sha256);
  if (same) return { id: same.id, reused: true };

  const key = `images/${now.toISOString().slice(0, 7).replace("-", "/")}/${randomBytes(8).toString("hex")}.${EXTENSION_OF[inspected.format]}`;
  const stored = await storeUpload(storage, bytes, inspected, key, { x: 0.5, y: 0.5 });
  const alt = (described.alt ?? "").slice(0, 500);
  const caption = (described.caption ?? "").slice(0, 1000);
  const credit = (described.credit ?? "").slice(0, 200);
  const filename = described.filename.slice(0, 200);
  try {
    const id = await insertMedia(db, {
      kind: "image",
      storage_key: key,
      mime: MIME_OF[inspected.format],
      width: stored.width,
      height: stored.height,
      variant_widths: JSON.stringify(stored.widths),
      formats: JSON.stringify(stored.formats),
      alt,
      caption,
      credit,
      bytes: stored.bytes,
      original_filename: filename,
      sha256,
      uploaded_by: described.uploadedBy ?? null,
      crop_version: 1,
      search_text: searchTextOf({ alt, caption, credit, filename }),
      created_at: now.toISOString(),
    });
    return { id, reused: false };
  } catch (error) {
    await Promise.all(stored.keys.map((k) => storage.remove(k).catch(() => undefined)));
    throw error;
  }
}
