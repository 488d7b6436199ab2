import { type WriteStream, createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomBytes } from "node:crypto";
import { once } from "node:events";

/**
 * Where uploaded and generated files live: keys like "images/2026/11/abc.jpg". The local disk
 * (DATA_DIR/media) is the default; S3Storage (s3-storage.ts) keeps them in an S3-compatible bucket.
 * Every write is atomic: a crash or an aborted upload never leaves a half-written file under a key.
 */
export interface Storage {
  /** Writes `data` under `key`; refuses (and keeps nothing) past `maxBytes`. Returns the size written. */
  write(key: string, data: Buffer | Readable, options?: { maxBytes?: number }): Promise<{ bytes: number }>;
  /** A stream of the file, or of bytes start..end inclusive. */
  read(key: string, range?: { start: number; end: number }): Readable;
  stat(key: string): Promise<StoredObject | undefined>;
  remove(key: string): Promise<void>;
  /** Removes every key under a prefix ("videos/12/"). */
  removePrefix(prefix: string): Promise<void>;
  /** A path on this machine for tools that need a file (ffmpeg); undefined for remote stores. */
  localPath(key: string): string | undefined;
  /**
   * Proves the store can take files now (readiness, /healthz): the folder is writable, the bucket
   * answers with these credentials. Throws StorageUnavailableError.
   */
  check(): Promise<void>;
}

/**
 * The store cannot be used now. `state` and `reason` are what /healthz shows, which anyone may read:
 * they name what failed without a path, a host or a bucket; the message has the detail for the log.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly state: "unwritable" | "unreachable",
    readonly reason: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = "StorageUnavailableError";
  }
}

/** What stat() knows of a stored file; remote stores also give its ETag and media type. */
export interface StoredObject {
  size: number;
  modifiedAt: Date;
  etag?: string;
  contentType?: string;
}

export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File larger than ${maxBytes} bytes`);
    this.name = "TooLargeError";
  }
}

/** Keys are relative paths of safe segments: no "..", no absolute paths, no odd characters. */
export function checkKey(key: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i.test(key) || key.split("/").some((s) => s === "..")) {
    throw new Error(`Invalid storage key: ${key}`);
  }
  return key;
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  localPath(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async write(key: string, data: Buffer | Readable, options: { maxBytes?: number } = {}): Promise<{ bytes: number }> {
    const target = this.localPath(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
    const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
    let bytes = 0;
    let out: WriteStream | undefined;
    try {
      if (Buffer.isBuffer(data)) {
        if (data.length > max) throw new TooLargeError(max);
        await fs.writeFile(temp, data);
        bytes = data.length;
      } else {
        await pipeline(
          data,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              bytes += chunk.length;
              if (bytes > max) throw new TooLargeError(max);
              yield chunk;
            }
          },
          (out = createWriteStream(temp)),
        );
      }
      await fs.rename(temp, target);
      return { bytes };
    } catch (err) {
      // A stream torn down while it was still opening creates the file after the error: wait for it
      // to close, then remove what it left.
      if (out && !out.closed) await once(out, "close").catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.localPath(key), range);
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const s = await fs.stat(this.localPath(key)).catch(() => undefined);
    return s?.isFile() ? { size: s.size, modifiedAt: s.mtime } : undefined;
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.localPath(key), { force: true });
  }

  /** Writes and removes a probe file ("." never starts a key, so it cannot meet one). */
  async check(): Promise<void> {
    const probe = path.join(this.root, `.probe-${process.pid}-${randomBytes(4).toString("hex")}`);
    try {
      await fs.mkdir(this.root, { recursive: true });
      await fs.writeFile(probe, "ok");
      await fs.rm(probe);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "error";
      await fs.rm(probe, { force: true }).catch(() => undefined);
      throw new StorageUnavailableError(
        "unwritable",
        `the media folder cannot be written (${code})`,
        `${this.root}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
  }

  async removePrefix(prefix: string): Promise<void> {
    await fs.rm(path.join(this.root, checkKey(prefix.replace(/\/$/, ""))), { recursive: true, force: true });
  }
}
