import { ApiError, NetworkError } from "../api.js";
import type { VideoItem } from "./video-types.js";

// The resumable upload (src/videos/README.md): the file goes in chunks of a few MB, each with its
// Content-Range. When a chunk fails on the way (connection dropped, server restarting, a 409 saying
// the stored offset differs), the server is asked how many bytes it holds and the upload continues
// from there; each stored chunk is kept, so only the chunk in flight is sent again. Errors about the
// file itself (415 not a video, 413 too large, 400 empty) end the upload at once.

export interface UploadState {
  id: string;
  filename: string;
  received: number;
  totalBytes: number | null;
  complete: boolean;
  videoId: number | null;
}

export interface ChunkRange {
  first: number;
  last: number;
  total: number;
}

/** The seam to the server; the app's is `httpTransport` (video-api.ts). */
export interface UploadTransport {
  create(input: { filename: string; title?: string; totalBytes: number }): Promise<UploadState>;
  status(id: string): Promise<UploadState>;
  put(id: string, chunk: Blob, range: ChunkRange): Promise<UploadState & { video?: VideoItem }>;
  video(id: number): Promise<VideoItem>;
}

export interface UploadOptions {
  title?: string;
  chunkBytes?: number;
  /** Failed attempts in a row before giving up (each waits longer). */
  maxRetries?: number;
  onProgress?: (sent: number, total: number) => void;
  onRetry?: (attempt: number, maxRetries: number, err: unknown) => void;
  wait?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export const CHUNK_BYTES = 4 * 1024 * 1024;

export class UploadCancelled extends Error {
  constructor() {
    super("The upload was cancelled");
  }
}

/** Worth trying again: the connection, the server's own trouble, or an offset out of step. */
export function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof ApiError)
    return err.status >= 500 || err.status === 408 || err.status === 429 || err.status === 409;
  return false;
}

export const backoffMs = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 8000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function uploadInChunks(
  file: Blob & { name: string },
  transport: UploadTransport,
  options: UploadOptions = {},
): Promise<VideoItem> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxRetries = options.maxRetries ?? 6;
  const wait = options.wait ?? sleep;
  const size = file.size;
  const upload = await transport.create({
    filename: file.name,
    totalBytes: size,
    ...(options.title ? { title: options.title } : {}),
  });
  let offset = upload.received;
  let failures = 0;
  let resync = false;
  options.onProgress?.(offset, size);
  for (;;) {
    if (options.signal?.aborted) throw new UploadCancelled();
    try {
      if (resync) {
        const state = await transport.status(upload.id);
        if (state.complete && state.videoId !== null) {
          options.onProgress?.(size, size);
          return await transport.video(state.videoId);
        }
        offset = state.received;
        resync = false;
        options.onProgress?.(offset, size);
      }
      const end = Math.min(offset + chunkBytes, size);
      const res = await transport.put(upload.id, file.slice(offset, end), {
        first: offset,
        last: end - 1,
        total: size,
      });
      failures = 0;
      offset = res.received;
      options.onProgress?.(offset, size);
      if (res.video) return res.video;
      if (res.complete && res.videoId !== null) return await transport.video(res.videoId);
    } catch (err) {
      if (!isTransient(err)) throw err;
      failures += 1;
      if (failures > maxRetries) throw err;
      resync = true;
      options.onRetry?.(failures, maxRetries, err);
      await wait(backoffMs(failures));
    }
  }
}
