import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/job.queries.js";
import { slugify } from "../../platform/slug.js";
import { readHead, withLocalFile } from "../../platform/storage/local-file.js";
import { type Storage, TooLargeError } from "../../platform/storage/storage.js";
import {
  type Container,
  type VideoTools,
  containerOf,
  probe,
  sniffContainer,
  videoCapabilities,
} from "../processing/video-tools.js";
import type { ChunkRange } from "./content-range.js";
import { recordVideoReady } from "../video-events.js";

export const VIDEO_PROCESS_JOB = "video.process";

export interface UploadDeps {
  db: Db;
  storage: Storage;
  tools: VideoTools;
  maxBytes: number;
  now: () => Date;
}

export interface UploadState {
  id: string;
  filename: string;
  received: number;
  totalBytes: number | null;
  complete: boolean;
  videoId: number | null;
}

const chunkKey = (uploadId: string, index: number) =>
  `video-uploads/${uploadId}/${String(index).padStart(6, "0")}.chunk`;

// ffprobe's names for the containers we take: MP4 and MOV are both ISO BMFF ("mov,mp4,…").
const ACCEPTED_FORMATS = new Set(["mov", "mp4", "matroska", "webm"]);

/** Uploads receiving a chunk in this process: a second concurrent PUT to one upload is refused. */
const busy = new Set<string>();

type UploadRow = {
  id: string;
  filename: string;
  received: number | string;
  total_bytes: number | string | null;
  video_id: number | null;
  chunks: number;
};

function toState(row: UploadRow): UploadState {
  return {
    id: row.id,
    filename: row.filename,
    received: Number(row.received),
    totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
    complete: row.video_id !== null,
    videoId: row.video_id,
  };
}

export async function createUpload(
  deps: UploadDeps,
  input: { filename: string; title: string; totalBytes?: number | undefined; userId: number },
): Promise<UploadState> {
  if (input.totalBytes !== undefined && input.totalBytes > deps.maxBytes) throw tooLarge(deps.maxBytes);
  if (input.totalBytes === 0) throw new AppError("BAD_REQUEST", "The file is empty (0 bytes)");
  const now = deps.now().toISOString();
  const row = await deps.db
    .insertInto("video_uploads")
    .values({
      id: randomBytes(16).toString("hex"),
      user_id: input.userId,
      filename: input.filename,
      title: input.title,
      total_bytes: input.totalBytes ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toState(row);
}

export async function findUpload(db: Db, id: string): Promise<UploadState | undefined> {
  const row = await db.selectFrom("video_uploads").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toState(row);
}

const tooLarge = (max: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `Videos may be at most ${max} bytes (VIDEO_MAX_BYTES)`, {
    details: { maxBytes: max },
  });

/**
 * Stores one chunk of an upload. With a Content-Range the chunk must start where the stored bytes
 * end (409 CONFLICT with `details.received` otherwise, so the client can resume there); without one
 * the body is the whole file. The chunk is written atomically: a dropped connection loses only the
 * chunk in flight. When the last byte arrives the upload is checked and becomes a video.
 */
export async function receiveChunk(
  deps: UploadDeps,
  uploadId: string,
  range: ChunkRange | undefined,
  body: Readable,
  userId: number,
): Promise<{ upload: UploadState; videoId: number | null }> {
  if (busy.has(uploadId)) throw new AppError("CONFLICT", "Another chunk of this upload is being received");
  busy.add(uploadId);
  try {
    const row = await deps.db.selectFrom("video_uploads").selectAll().where("id", "=", uploadId).executeTakeFirst();
    if (!row) throw new AppError("NOT_FOUND", "No such upload");
    const state = toState(row);
    if (state.complete)
      throw new AppError("CONFLICT", "This upload is complete", { details: { received: state.received } });
    const start = range?.first ?? 0;
    if (start !== state.received) {
      throw new AppError("CONFLICT", `The upload has ${state.received} bytes: send from byte ${state.received}`, {
        details: { received: state.received },
      });
    }
    const total = range ? (range.total ?? state.totalBytes) : state.received;
    if (range?.total !== undefined && state.totalBytes !== null && range.total !== state.totalBytes) {
      throw new AppError("BAD_REQUEST", `The upload was announced as ${state.totalBytes} bytes, not ${range.total}`);
    }
    const expected = range ? range.last - range.first + 1 : undefined;
    if ((total ?? 0) > deps.maxBytes || (range && range.last + 1 > deps.maxBytes)) throw tooLarge(deps.maxBytes);
    const key = chunkKey(uploadId, row.chunks);
    let bytes: number;
    try {
      ({ bytes } = await deps.storage.write(key, body, { maxBytes: expected ?? deps.maxBytes - state.received }));
    } catch (err) {
      if (err instanceof TooLargeError)
        throw expected === undefined
          ? tooLarge(deps.maxBytes)
          : new AppError("BAD_REQUEST", "The chunk is longer than its Content-Range");
      throw err;
    }
    if (expected !== undefined && bytes !== expected) {
      await deps.storage.remove(key);
      throw new AppError("BAD_REQUEST", `The chunk has ${bytes} bytes; its Content-Range says ${expected}`);
    }
    if (bytes === 0 && state.received === 0 && !range) {
      await deps.storage.remove(key);
      throw new AppError("BAD_REQUEST", "The file is empty (0 bytes)");
    }
    const received = state.received + bytes;
    const totalBytes = range ? (range.total ?? state.totalBytes) : received;
    await deps.db
      .updateTable("video_uploads")
      .set({ received, chunks: row.chunks + 1, total_bytes: totalBytes, updated_at: deps.now().toISOString() })
      .where("id", "=", uploadId)
      .execute();
    const after = { ...state, received, totalBytes };
    if (totalBytes === null || received < totalBytes) return { upload: after, videoId: null };
    const videoId = await completeUpload(
      deps,
      { ...row, received, total_bytes: totalBytes, chunks: row.chunks + 1 },
      userId,
    );
    return { upload: { ...after, complete: true, videoId }, videoId };
  } finally {
    busy.delete(uploadId);
  }
}

/** Joins the chunks into one file, checks its content, and makes the video (with its processing job). */
async function completeUpload(
  deps: UploadDeps,
  upload: UploadRow & { title: string },
  userId: number,
): Promise<number> {
  const { storage } = deps;
  // The name of the stored file follows its content, so /media/ serves it with the right type.
  const sniffed = containerOf(await readHead(storage, chunkKey(upload.id, 0), 12));
  const sourceKey = `video-sources/${upload.id}.${sniffed ?? "bin"}`;
  const chunks = upload.chunks;
  async function* joined() {
    for (let i = 0; i < chunks; i++) yield* storage.read(chunkKey(upload.id, i));
  }
  await storage.write(sourceKey, Readable.from(joined()));
  await storage.removePrefix(`video-uploads/${upload.id}/`);
  try {
    // On a bucket the joined file is read back into a temporary file for ffprobe.
    const { container, probed, duration, width, height } = await withLocalFile(storage, sourceKey, (file) =>
      checkContent(deps.tools, file),
    );
    const now = deps.now().toISOString();
    const base = slugify(upload.title) || "video";
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("videos")
        .values({
          slug: `${base}-${upload.id.slice(0, 6)}`,
          title: upload.title,
          storage_key: sourceKey,
          source_key: sourceKey,
          mime: container === "mp4" ? "video/mp4" : "video/webm",
          status: probed.processable ? "uploaded" : "ready",
          progress: probed.processable ? 0 : 100,
          duration_seconds: duration,
          width,
          height,
          published: 0,
          published_at: now,
          uploaded_by: userId,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("video_uploads")
        .set({ video_id: row.id, updated_at: now })
        .where("id", "=", upload.id)
        .execute();
      if (!probed.processable) await recordVideoReady(trx, row.id, deps.now());
      else {
        await enqueue(
          trx,
          VIDEO_PROCESS_JOB,
          { videoId: row.id },
          { key: `${VIDEO_PROCESS_JOB}:${row.id}:upload`, maxAttempts: 3, now: deps.now() },
        );
      }
      return row.id;
    });
  } catch (err) {
    await storage.remove(sourceKey);
    // The client may upload the file again from the start.
    await deps.db
      .updateTable("video_uploads")
      .set({ received: 0, chunks: 0, updated_at: deps.now().toISOString() })
      .where("id", "=", upload.id)
      .execute();
    throw err;
  }
}

/**
 * What the content is, decided from the bytes, never the file name: the container's magic bytes,
 * then ffprobe where it runs. A file ffprobe cannot read but whose bytes announce MP4 or WebM (a
 * truncated upload) is taken, and its processing job fails with ffprobe's reason.
 */
async function checkContent(tools: VideoTools, file: string) {
  const container: Container | undefined = await sniffContainer(file);
  const caps = await videoCapabilities(tools);
  const unsupported = () =>
    new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      caps.ffprobe
        ? "This file is not a video we take: upload MP4 (H.264/AAC), WebM or MOV"
        : "This file is not an MP4: without ffmpeg on the server only MP4 files are taken, as they are",
    );
  if (!container || (!caps.ffmpeg && container !== "mp4")) throw unsupported();
  let duration = 0;
  let width = 0;
  let height = 0;
  if (caps.ffprobe) {
    const info = await probe(tools, file).catch(() => undefined);
    if (info) {
      if (!info.formats.some((f) => ACCEPTED_FORMATS.has(f)) || !info.video) throw unsupported();
      duration = info.durationSeconds;
      width = info.video.width;
      height = info.video.height;
    }
  }
  return { container, duration, width, height, probed: { processable: caps.ffmpeg && caps.ffprobe } };
}
