import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PART_SIZE, type S3Storage } from "./s3-storage.js";
import { checkKey } from "./storage.js";

export interface CopyReport {
  copied: number;
  copiedBytes: number;
  /** Already in the bucket with the same size and content (ETag): a resumed copy skips them. */
  skipped: number;
  /** Files whose names cannot be storage keys (left where they are, named in `problems`). */
  ignored: number;
  failed: number;
  problems: string[];
}

interface LocalFile {
  key: string;
  file: string;
  size: number;
}

/** Files a write in progress leaves for a moment (LocalDiskStorage's .part, older .tmp): never copied. */
const TEMPORARY = /\.[0-9a-z]+\.(part|tmp)$/;

async function localFiles(root: string, report: CopyReport): Promise<LocalFile[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  const files: LocalFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || TEMPORARY.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(root, file).split(path.sep).join("/");
    try {
      checkKey(key);
    } catch {
      report.ignored++;
      report.problems.push(`${key}: not a storage key (odd characters), left on disk`);
      continue;
    }
    files.push({ key, file, size: (await fs.stat(file)).size });
  }
  return files.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The ETags S3 may give a file: the MD5 of the whole (a single PUT) and, past one part, the MD5 of
 * the parts' MD5s with the part count (a multipart upload of PART_SIZE parts, which is how
 * S3Storage writes streams); some stores leave the "-N" off.
 */
async function possibleEtags(file: string, size: number): Promise<string[]> {
  const whole = createHash("md5");
  const parts: Buffer[] = [];
  let part = createHash("md5");
  let inPart = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(rest.length, PART_SIZE - inPart);
      part.update(rest.subarray(0, take));
      inPart += take;
      rest = rest.subarray(take);
      if (inPart === PART_SIZE) {
        parts.push(part.digest());
        part = createHash("md5");
        inPart = 0;
      }
    }
  }
  if (inPart > 0) parts.push(part.digest());
  const tags = [whole.digest("hex")];
  if (size > PART_SIZE) {
    const multi = createHash("md5").update(Buffer.concat(parts)).digest("hex");
    tags.push(`${multi}-${parts.length}`, multi);
  }
  return tags;
}

/**
 * Copies every file under `root` (DATA_DIR/media) to the bucket under the same key, a few at a
 * time. An object already there with the same size and ETag is skipped, so a copy stopped half-way
 * (Ctrl-C, a lost connection) is resumed by running it again. Local files are never removed.
 */
export async function copyToBucket(
  root: string,
  bucket: S3Storage,
  onProgress: (doneBytes: number, totalBytes: number) => void = () => undefined,
  concurrency = 4,
): Promise<CopyReport> {
  const report: CopyReport = { copied: 0, copiedBytes: 0, skipped: 0, ignored: 0, failed: 0, problems: [] };
  const files = await localFiles(root, report);
  const remote = new Map<string, { size: number; etag: string }>();
  for await (const page of bucket.pages()) for (const o of page) remote.set(o.key, o);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  onProgress(0, total);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      try {
        const there = remote.get(f.key);
        const etag = there?.etag.replace(/"/g, "");
        if (there && there.size === f.size && etag && (await possibleEtags(f.file, f.size)).includes(etag)) {
          report.skipped++;
        } else {
          await bucket.write(f.key, createReadStream(f.file));
          report.copied++;
          report.copiedBytes += f.size;
        }
      } catch (err) {
        report.failed++;
        report.problems.push(`${f.key}: ${err instanceof Error ? err.message : String(err)}`);
      }
      done += f.size;
      onProgress(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return report;
}
