import path from "node:path";
import type { Db } from "../database.js";
import { checkImageBytes, storeImageBytes } from "../media/store-image.js";
import type { Storage } from "../platform/storage/storage.js";
import { type PictureFetchOptions, fetchPicture } from "../platform/webhooks/fetch-picture.js";
import type { WireImage } from "./wire-item.js";

// The pictures an item offers are fetched only when "Use this" makes a draft of it (docs/adr/030),
// and then go through the media pipeline like an upload (src/media/store-image.ts). A picture that
// cannot be had is a line in the draft's note, never a failed draft.

/** At most this many pictures are fetched for one draft; the rest are named in the note. */
export const MAX_PICTURES = 5;

export interface PictureDeps {
  db: Db;
  storage: Storage;
  fetch: PictureFetchOptions;
  /** Runs the image work in turn with other work of the kind (see media/work-slots.ts). */
  slot: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface TakenPictures {
  /** In the item's order; the first is the draft's hero image. */
  stored: { mediaId: number; picture: WireImage }[];
  failed: { url: string; reason: string }[];
  /** Offered but not tried (past MAX_PICTURES). */
  notTried: string[];
}

export async function takePictures(
  deps: PictureDeps,
  pictures: WireImage[],
  userId: number,
  now: Date,
): Promise<TakenPictures> {
  const taken: TakenPictures = { stored: [], failed: [], notTried: pictures.slice(MAX_PICTURES).map((p) => p.url) };
  for (const picture of pictures.slice(0, MAX_PICTURES)) {
    try {
      const fetched = await fetchPicture(picture.url, deps.fetch);
      if (!fetched.ok) {
        taken.failed.push({ url: picture.url, reason: fetched.reason });
        continue;
      }
      const inspected = await checkImageBytes(fetched.bytes);
      const described = {
        alt: picture.alt,
        caption: picture.caption,
        credit: picture.credit,
        filename: fileNameOf(picture.url),
        uploadedBy: userId,
      };
      const { id } = await deps.slot(() =>
        storeImageBytes(deps.db, deps.storage, fetched.bytes, inspected, described, now),
      );
      taken.stored.push({ mediaId: id, picture });
    } catch (error) {
      taken.failed.push({ url: picture.url, reason: (error as Error).message.split("\n")[0]!.slice(0, 300) });
    }
  }
  return taken;
}

/** The lines the draft's note gets about its pictures (none when the item offered none). */
export function pictureNote(taken: TakenPictures): string[] {
  const lines: string[] = [];
  const n = taken.stored.length;
  if (n) lines.push(`Pictures from the wire: ${n} in the media library; the first is the hero image.`);
  for (const f of taken.failed) lines.push(`Picture not fetched: ${f.url.slice(0, 500)} (${f.reason})`);
  if (taken.notTried.length)
    lines.push(
      `Not fetched (only the first ${MAX_PICTURES} are): ${taken.notTried.map((u) => u.slice(0, 500)).join(", ")}`,
    );
  return lines;
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(path.posix.basename(new URL(url).pathname)) || "wire-picture";
  } catch {
    return "wire-picture";
  }
}
