import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { auditFrom, recordAudit } from "../platform/admin/audit.js";
import { currentUser } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { EXTENSION_OF, MIME_OF } from "./image.js";
import { type InspectedImage, type StoredUpload, inspectImage, storeUpload } from "./image-pipeline.js";
import { type IncomingUploads, type Received, isTooLarge, tooLarge } from "./incoming-uploads.js";
import { toMediaItem } from "./media-item.js";
import { findMediaBySha256, findMediaEntry, insertMedia, searchTextOf } from "./media.queries.js";
import { describedFields } from "./media.schemas.js";

type Described = z.output<typeof describedFields>;

export interface UploadContext {
  deps: NewsroomDeps;
  incoming: IncomingUploads;
  /** Runs the image work in turn with other uploads (see work-slots.ts). */
  slot: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * POST /media: one file in the field `file`, described by `alt`, `caption`, `credit`. The file is
 * streamed to a waiting folder, checked by its content, cleaned and cut into variants, and only
 * then recorded; the raw upload is removed whatever happens.
 */
export async function uploadMedia(ctx: UploadContext, req: FastifyRequest, reply: FastifyReply) {
  if (!req.isMultipart()) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data with a file field named file");
  }
  const fields: Record<string, string> = {};
  let received: Received | undefined;
  try {
    try {
      for await (const part of req.parts()) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value);
        } else if (part.fieldname !== "file" || received) {
          part.file.resume();
          throw new AppError("VALIDATION_FAILED", "Send one image, in the field named file", {
            details: [{ path: part.fieldname, message: "Unexpected file" }],
          });
        } else {
          received = await ctx.incoming.receive(part);
        }
      }
    } catch (err) {
      throw isTooLarge(err) ? tooLarge(err) : err;
    }
    const described = parseInput(describedFields, fields);
    if (!received) {
      throw new AppError("VALIDATION_FAILED", "file: Choose an image to upload", {
        details: [{ path: "file", message: "Choose an image to upload" }],
      });
    }
    const file = received;
    return await ctx.slot(() => storeReceived(ctx, req, reply, file, described));
  } finally {
    if (received) await ctx.incoming.remove(received.key);
  }
}

async function storeReceived(
  { deps, incoming }: UploadContext,
  req: FastifyRequest,
  reply: FastifyReply,
  received: Received,
  described: Described,
) {
  const input = incoming.path(received.key);
  const inspected = await inspectImage(input, received.head);
  // The same bytes again (a re-sent form, a second editor) answer with the image already stored.
  const existing = await findMediaBySha256(deps.db, received.sha256);
  if (existing) return reply.status(200).send(toMediaItem(existing));

  const now = deps.now();
  const month = now.toISOString().slice(0, 7).replace("-", "/");
  const storageKey = `images/${month}/${randomBytes(8).toString("hex")}.${EXTENSION_OF[inspected.format]}`;
  const stored = await storeUpload(deps.storage, input, inspected, storageKey, { x: 0.5, y: 0.5 });
  let id: number;
  try {
    id = await deps.db
      .transaction()
      .execute((trx) => recordUpload(trx, req, now, { storageKey, inspected, stored, received, described }));
  } catch (err) {
    await Promise.all(stored.keys.map((k) => deps.storage.remove(k).catch(() => undefined)));
    throw err;
  }
  const row = await findMediaEntry(deps.db, id);
  if (!row) throw new AppError("INTERNAL", "The stored image vanished");
  return reply.status(201).header("location", `/api/newsroom/media/${id}`).send(toMediaItem(row));
}

/** The row and its audit entry, in the caller's transaction. */
async function recordUpload(
  trx: NewsroomDeps["db"],
  req: FastifyRequest,
  now: Date,
  upload: {
    storageKey: string;
    inspected: InspectedImage;
    stored: StoredUpload;
    received: Received;
    described: Described;
  },
): Promise<number> {
  const { storageKey, inspected, stored, received, described } = upload;
  const alt = described.alt ?? "";
  const caption = described.caption ?? "";
  const credit = described.credit ?? "";
  const mime = MIME_OF[inspected.format];
  const id = await insertMedia(trx, {
    kind: "image",
    storage_key: storageKey,
    mime,
    width: stored.width,
    height: stored.height,
    variant_widths: JSON.stringify(stored.widths),
    formats: JSON.stringify(stored.formats),
    alt,
    caption,
    credit,
    focal_x: 0.5,
    focal_y: 0.5,
    bytes: stored.bytes,
    original_filename: received.filename,
    sha256: received.sha256,
    uploaded_by: currentUser(req).id,
    crop_version: 1,
    search_text: searchTextOf({ alt, caption, credit, filename: received.filename }),
    created_at: now.toISOString(),
  });
  await recordAudit(trx, now, {
    ...auditFrom(req),
    action: "media.upload",
    subjectType: "media",
    subjectId: id,
    detail: { filename: received.filename, mime, bytes: stored.bytes, sha256: received.sha256 },
  });
  return id;
}
