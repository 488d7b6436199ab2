import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Storage } from "./storage.js";

/**
 * Runs `use` with a path on this machine holding the file under `key`, for tools that need a file
 * (ffprobe, ffmpeg): the file itself on the local disk, else a temporary copy, removed afterwards.
 */
export async function withLocalFile<T>(storage: Storage, key: string, use: (file: string) => Promise<T>): Promise<T> {
  const local = storage.localPath(key);
  if (local) return use(local);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "london-daily-object-"));
  try {
    const file = path.join(dir, path.basename(key));
    await pipeline(storage.read(key), createWriteStream(file));
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The first `bytes` bytes of a stored file (fewer if it is shorter). */
export async function readHead(storage: Storage, key: string, bytes: number): Promise<Buffer> {
  const size = (await storage.stat(key))?.size ?? 0;
  if (size === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key, { start: 0, end: Math.min(bytes, size) - 1 }))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
