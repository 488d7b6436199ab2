import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Updateable } from "kysely";
import { z } from "zod";
import { auditFrom, recordAudit } from "../newsroom/audit.js";
import { currentUser, requirePermission } from "../newsroom/auth/guard.js";
import type { NewsroomDeps } from "../newsroom/newsroom-deps.js";
import type { NewsroomRoutes } from "../newsroom/newsroom.api.js";
import { parseInput } from "../newsroom/validate.js";
import { AppError } from "../platform/errors.js";
import { LocalDiskStorage, TooLargeError } from "../platform/storage/storage.js";
import { clampFocal } from "./focal-crop.js";
import { EXTENSION_OF, MIME_OF, cropKey } from "./image.js";
import { SNIFF_BYTES } from "./image-format.js";
import { MAX_UPLOAD_BYTES, inspectImage, storeCrops, storeUpload } from "./image-pipeline.js";
import { sanitiseFilename, toMediaItem } from "./media-item.js";
import type { MediaTable } from "./media.table.js";
import { findMediaBySha256, findMediaEntry, insertMedia, searchTextOf, updateMedia } from "./media.queries.js";
import { listMedia, mediaListQuery } from "./media-library.js";

const text = (max: number) => z.string().trim().max(max);
const describedFields = z.strictObject({ alt: text(1000), caption: text(2000), credit: text(300) }).partial();
const patchBody = describedFields
  .extend({ focalX: z.number().min(0).max(1), focalY: z.number().min(0).max(1) })
  .partial();
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

const TOO_LARGE = `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;

/** The media library: upload (multipart), list and search, read, describe and re-crop. */
export const mediaRoutes: NewsroomRoutes = async (api, deps) => {
  // Multipart is parsed only on these routes: registered in this child scope, not on the app.
  await api.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, fieldSize: 8 * 1024, parts: 10, headerPairs: 100 },
    });
    registerMediaRoutes(scope, deps);
  });
};

function registerMediaRoutes(scope: FastifyInstance, deps: NewsroomDeps): void {
  // Raw uploads wait outside the public media folder, so nothing unchecked is ever served.
  const incoming = new LocalDiskStorage(path.join(deps.config.dataDir, "tmp", "uploads"));

  scope.post("/media", { preHandler: requirePermission(deps, "media.upload") }, (req, reply) =>
    upload(deps, incoming, req, reply),
  );

  scope.get("/media", { preHandler: requirePermission(deps, "media.upload") }, async (req) => {
    return listMedia(deps.db, parseInput(mediaListQuery, req.query, "query"));
  });

  scope.get("/media/:id", { preHandler: requirePermission(deps, "media.upload") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const row = await findMediaEntry(deps.db, id);
    if (!row) throw new AppError("NOT_FOUND", "No such image");
    return toMediaItem(row);
  });

  scope.patch("/media/:id", { preHandler: requirePermission(deps, "media.edit") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    const body = parseInput(patchBody, req.body);
    return editMedia(deps, req, id, body);
  });
}

interface Received {
  key: string;
  bytes: number;
  sha256: string;
  head: Buffer;
  filename: string;
}

async function receiveFile(incoming: LocalDiskStorage, file: MultipartFile): Promise<Received> {
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let seen = 0;
  const tapped = Readable.from(
    (async function* () {
      for await (const chunk of file.file as AsyncIterable<Buffer>) {
        hash.update(chunk);
        if (seen < SNIFF_BYTES) head.push(chunk.subarray(0, SNIFF_BYTES - seen));
        seen += chunk.length;
        yield chunk;
      }
      // busboy ends a file at the size limit without an error; the truncation flag says so.
      if (file.file.truncated) throw new TooLargeError(MAX_UPLOAD_BYTES);
    })(),
  );
  const key = `${randomBytes(12).toString("hex")}.upload`;
  const { bytes } = await incoming.write(key, tapped, { maxBytes: MAX_UPLOAD_BYTES });
  return {
    key,
    bytes,
    sha256: hash.digest("hex"),
    head: Buffer.concat(head),
    filename: sanitiseFilename(file.filename),
  };
}

async function upload(deps: NewsroomDeps, incoming: LocalDiskStorage, req: FastifyRequest, reply: FastifyReply) {
  if (!req.isMultipart()) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data with a file field named file");
  }
  const fields: Record<string, string> = {};
  let received: Received | undefined;
  try {
    try {
      for await (const part of req.parts()) {
        if (part.type === "field") {
          fields[part.fieldname] = typeof part.value === "string" ? part.value : String(part.value);
        } else if (part.fieldname !== "file" || received) {
          part.file.resume();
          throw new AppError("VALIDATION_FAILED", "Send one image, in the field named file", {
            details: [{ path: part.fieldname, message: "Unexpected file" }],
          });
        } else {
          received = await receiveFile(incoming, part);
        }
      }
    } catch (err) {
      if (err instanceof TooLargeError || (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
        throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE, { cause: err });
      }
      throw err;
    }
    const described = parseInput(describedFields, fields);
    if (!received) {
      throw new AppError("VALIDATION_FAILED", "file: Choose an image to upload", {
        details: [{ path: "file", message: "Choose an image to upload" }],
      });
    }
    return await storeReceived(deps, incoming, req, reply, received, described);
  } finally {
    if (received) await incoming.remove(received.key);
  }
}

async function storeReceived(
  deps: NewsroomDeps,
  incoming: LocalDiskStorage,
  req: FastifyRequest,
  reply: FastifyReply,
  received: Received,
  described: z.output<typeof describedFields>,
) {
  const inspected = await inspectImage(incoming.localPath(received.key), received.head);
  // The same bytes again (a re-sent form, a second editor) answer with the image already stored.
  const existing = await findMediaBySha256(deps.db, received.sha256);
  if (existing) return reply.status(200).send(toMediaItem(existing));

  const now = deps.now();
  const month = now.toISOString().slice(0, 7).replace("-", "/");
  const storageKey = `images/${month}/${randomBytes(8).toString("hex")}.${EXTENSION_OF[inspected.format]}`;
  const focal = { x: 0.5, y: 0.5 };
  const stored = await storeUpload(deps.storage, incoming.localPath(received.key), inspected, storageKey, focal);
  const user = currentUser(req);
  const alt = described.alt ?? "";
  const caption = described.caption ?? "";
  const credit = described.credit ?? "";
  let id: number;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const newId = await insertMedia(trx, {
        kind: "image",
        storage_key: storageKey,
        mime: MIME_OF[inspected.format],
        width: stored.width,
        height: stored.height,
        variant_widths: JSON.stringify(stored.widths),
        formats: JSON.stringify(stored.formats),
        alt,
        caption,
        credit,
        focal_x: focal.x,
        focal_y: focal.y,
        bytes: stored.bytes,
        original_filename: received.filename,
        sha256: received.sha256,
        uploaded_by: user.id,
        crop_version: 1,
        search_text: searchTextOf({ alt, caption, credit, filename: received.filename }),
        created_at: now.toISOString(),
      });
      await recordAudit(trx, now, {
        ...auditFrom(req),
        action: "media.upload",
        subjectType: "media",
        subjectId: newId,
        detail: {
          filename: received.filename,
          mime: MIME_OF[inspected.format],
          bytes: stored.bytes,
          sha256: received.sha256,
        },
      });
      return newId;
    });
  } catch (err) {
    await Promise.all(stored.keys.map((k) => deps.storage.remove(k).catch(() => undefined)));
    throw err;
  }
  const row = await findMediaEntry(deps.db, id);
  if (!row) throw new AppError("INTERNAL", "The stored image vanished");
  return reply.status(201).header("location", `/api/newsroom/media/${id}`).send(toMediaItem(row));
}

async function editMedia(deps: NewsroomDeps, req: FastifyRequest, id: number, body: z.output<typeof patchBody>) {
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

  // New crops are written under a new version before the row points at them; the row then moves
  // to them in one step, guarded by the version read (two editors moving the focus at once: 409).
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
      if (!updated)
        throw new AppError("CONFLICT", "Someone else moved this image's focal point at the same time: reload it");
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
    for (const name of ["thumb", "social"] as const) {
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
