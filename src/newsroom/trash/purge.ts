import type { Db } from "../../database.js";
import { CROPS, type CropName, type ImageFormat, cropKey, parseList, variantKey } from "../../media/image.js";
import type { Storage } from "../../platform/storage/storage.js";
import { TRASH_DAYS } from "./article-trash.js";

// The `trash.purge` job (docs/adr/025): what has been in the trash for 30 days goes for good, with
// its files. Idempotent: each row is deleted on its own, its files after (a file already gone is
// fine), so a purge stopped half-way is finished by the next run.

export const PURGE_JOB = "trash.purge";

/** Every file an image has: the original, its variants in every format, its focal crops. */
export function imageFiles(row: {
  storage_key: string;
  variant_widths: string;
  formats: string;
  crop_version: number;
}) {
  const widths = parseList(row.variant_widths, (v): v is number => typeof v === "number");
  const formats = parseList(row.formats, (v): v is ImageFormat => typeof v === "string");
  const keys = [row.storage_key];
  for (const w of widths)
    for (const f of formats.length ? formats : ["webp" as const]) keys.push(variantKey(row.storage_key, w, f));
  for (let v = 0; v <= row.crop_version; v++)
    for (const crop of Object.keys(CROPS) as CropName[]) keys.push(cropKey(row.storage_key, crop, v));
  return keys;
}

export interface PurgeResult {
  articles: number;
  media: number;
  videos: number;
}

export async function purgeTrash(deps: { db: Db; storage: Storage }, now: Date): Promise<PurgeResult> {
  const { db, storage } = deps;
  const before = new Date(now.getTime() - TRASH_DAYS * 86_400_000).toISOString();
  const articles = await db
    .deleteFrom("articles")
    .where("status", "=", "trashed")
    .where("trashed_at", "<", before)
    .executeTakeFirst();
  let media = 0;
  const images = await db.selectFrom("media").selectAll().where("trashed_at", "<", before).execute();
  for (const image of images) {
    const gone = await db.deleteFrom("media").where("id", "=", image.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) continue;
    media += 1;
    // Another row may share the file (a copy of the same upload): keep it for that one.
    const shared = await db
      .selectFrom("media")
      .select("id")
      .where("storage_key", "=", image.storage_key)
      .executeTakeFirst();
    if (!shared) await Promise.all(imageFiles(image).map((k) => storage.remove(k).catch(() => undefined)));
  }
  let videos = 0;
  const clips = await db.selectFrom("videos").select(["id", "storage_key"]).where("trashed_at", "<", before).execute();
  for (const clip of clips) {
    const gone = await db.deleteFrom("videos").where("id", "=", clip.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) continue;
    videos += 1;
    await storage.removePrefix(`videos/${clip.id}/`).catch(() => undefined);
    const shared = await db
      .selectFrom("videos")
      .select("id")
      .where("storage_key", "=", clip.storage_key)
      .executeTakeFirst();
    if (!shared) await storage.remove(clip.storage_key).catch(() => undefined);
  }
  return { articles: Number(articles.numDeletedRows), media, videos };
}
