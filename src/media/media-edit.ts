import type { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import type { Updateable } from "kysely";
import type { z } from "zod";
import { auditFrom, recordAudit } from "../platform/admin/audit.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { AppError } from "../platform/errors.js";
import { clampFocal } from "./focal-crop.js";
import { CROPS, type CropName, cropKey } from "./image.js";
import { storeCrops } from "./image-pipeline.js";
import { type MediaItem, toMediaItem } from "./media-item.js";
import type { MediaTable } from "./media.table.js";
import { findMediaEntry, searchTextOf, updateMedia } from "./media.queries.js";
import type { mediaEdit } from "./media.schemas.js";

/**
 * PATCH /media/:id. Words change in place; a moved focal point re-cuts the crops under a new
 * version (new URLs, since /media is cached for days), and the row moves to them in one step,
 * guarded by the version it read: two editors moving the focus at once get one 409.
 */
export async function editMedia(
  deps: NewsroomDeps,
  req: FastifyRequest,
  id: number,
  body: z.output<typeof mediaEdit>,
): Promise<MediaItem> {
  const row = await findMediaEntry(deps.db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such image");
  const alt = body.alt ?? row.alt;
  const caption = body.caption ?? row.caption;
  const credit = body.credit ?? row.credit;
  const focal = {
    x: clampFocal(body.focalX ?? Number(row.focal_x)),
    y: clampFocal(body.focalY ?? Number(row.focal_y)),
  };
  const moved = focal.x !== Number(row.focal_x) || focal.y !== Number(row.focal_y);
  const changed = Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined);
  const set: Updateable<MediaTable> = {
    ...(body.alt !== undefined ? { alt } : {}),
    ...(body.caption !== undefined ? { caption } : {}),
    ...(body.credit !== undefined ? { credit } : {}),
    search_text: searchTextOf({ alt, caption, credit, filename: row.original_filename }),
  };

  let newCrops: string[] = [];
  if (moved) {
    if (!(await deps.storage.stat(row.storage_key))) {
      throw new AppError("CONFLICT", "The original file of this image is missing: upload it again");
    }
    const version = row.crop_version + 1;
    const original = await readAll(deps.storage.read(row.storage_key));
    newCrops = await storeCrops(deps.storage, original, row.storage_key, focal, version);
    Object.assign(set, { focal_x: focal.x, focal_y: focal.y, crop_version: version });
  }
  const now = deps.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const updated = await updateMedia(trx, id, set, moved ? row.crop_version : undefined);
      if (!updated) {
        throw new AppError("CONFLICT", "Someone else moved this image's focal point at the same time: reload it");
      }
      await recordAudit(trx, now, {
        ...auditFrom(req),
        action: "media.edit",
        subjectType: "media",
        subjectId: id,
        detail: { changed, ...(moved ? { focal } : {}) },
      });
    });
  } catch (err) {
    await Promise.all(newCrops.map((k) => deps.storage.remove(k).catch(() => undefined)));
    throw err;
  }
  if (moved && row.crop_version > 0) {
    for (const name of Object.keys(CROPS) as CropName[]) {
      await deps.storage.remove(cropKey(row.storage_key, name, row.crop_version)).catch(() => undefined);
    }
  }
  const fresh = await findMediaEntry(deps.db, id);
  if (!fresh) throw new AppError("NOT_FOUND", "No such image");
  return toMediaItem(fresh);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
