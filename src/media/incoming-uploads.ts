import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { MultipartFile } from "@fastify/multipart";
import { AppError } from "../platform/errors.js";
import { LocalDiskStorage, TooLargeError } from "../platform/storage/storage.js";
import { SNIFF_BYTES } from "./image-format.js";
import { MAX_UPLOAD_BYTES } from "./image-pipeline.js";
import { sanitiseFilename } from "./media-item.js";

export interface Received {
  /** Where the raw upload waits (a key of this folder). */
  key: string;
  bytes: number;
  /** SHA-256 (hex) of the bytes as uploaded. */
  sha256: string;
  /** The first bytes, for the signature check. */
  head: Buffer;
  filename: string;
}

/** A too-large upload, whichever limit saw it first (busboy's file limit or the storage's). */
export function isTooLarge(err: unknown): boolean {
  return err instanceof TooLargeError || (err as { code?: string } | null)?.code === "FST_REQ_FILE_TOO_LARGE";
}

export const tooLarge = (cause: unknown) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { cause });

/**
 * Raw uploads, streamed to a folder outside the public media folder (nothing unchecked is ever
 * served) through the storage's atomic write: an aborted or oversized upload leaves no file.
 */
export class IncomingUploads {
  private readonly disk: LocalDiskStorage;

  constructor(private readonly dir: string) {
    this.disk = new LocalDiskStorage(dir);
  }

  async receive(file: MultipartFile): Promise<Received> {
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
        // busboy may end a file at its size limit without an error; the truncation flag says so.
        if (file.file.truncated) throw new TooLargeError(MAX_UPLOAD_BYTES);
      })(),
    );
    const key = `${randomBytes(12).toString("hex")}.upload`;
    try {
      const { bytes } = await this.disk.write(key, tapped, { maxBytes: MAX_UPLOAD_BYTES });
      const received = { key, bytes, sha256: hash.digest("hex"), head: Buffer.concat(head) };
      return { ...received, filename: sanitiseFilename(file.filename) };
    } catch (err) {
      throw isTooLarge(err) ? tooLarge(err) : err;
    }
  }

  path(key: string): string {
    return this.disk.localPath(key);
  }

  remove(key: string): Promise<void> {
    return this.disk.remove(key);
  }

  /** Removes what a process that stopped mid-upload left behind; returns how many files. */
  async sweep(now: Date, maxAgeMs = 3_600_000): Promise<number> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat?.isFile() && now.getTime() - stat.mtimeMs > maxAgeMs) {
        await fs.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
