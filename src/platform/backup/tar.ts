import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

// A gzipped POSIX tar (ustar, with pax headers for long names and large sizes), written and read
// with Node's own stream and zlib: the archive opens with any `tar -xzf`, and no dependency is
// needed for a format this small. Only regular files and folders are written or read back.

const BLOCK = 512;

export interface TarEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  /** The file on disk to copy. */
  file: string;
  size: number;
  mtime: Date;
}

function header(name: string, size: number, mtime: Date, type: "0" | "x"): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name.slice(0, 100), 0, "utf8");
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${Math.min(size, 0o77777777777).toString(8).padStart(11, "0")}\0`, 124);
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
  );
  h.write("        ", 148);
  h.write(type, 156);
  h.write("ustar\0" + "00", 257);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
  return `${length}${body}`;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

async function* tarBlocks(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    const longName = Buffer.byteLength(entry.name) > 100;
    if (longName || entry.size > 0o77777777777) {
      const pax = Buffer.from(
        (longName ? paxRecord("path", entry.name) : "") + paxRecord("size", String(entry.size)),
        "utf8",
      );
      yield header("PaxHeader", pax.length, entry.mtime, "x");
      yield pax;
      yield padding(pax.length);
    }
    yield header(entry.name, entry.size, entry.mtime, "0");
    let read = 0;
    // Exactly the size announced: a file that grows meanwhile is cut, one that shrinks is an error.
    for await (const chunk of fs.createReadStream(entry.file, { start: 0, end: Math.max(0, entry.size - 1) })) {
      if (entry.size === 0) break;
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (read !== entry.size) throw new Error(`${entry.name} changed while it was being archived`);
    yield padding(entry.size);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Writes the entries as a gzipped tar to `archive`. */
export async function writeTarGz(archive: string, entries: AsyncIterable<TarEntry> | Iterable<TarEntry>) {
  await pipeline(Readable.from(tarBlocks(entries)), zlib.createGzip({ level: 6 }), fs.createWriteStream(archive));
}

export class ArchiveError extends Error {}

function field(block: Buffer, offset: number, length: number): string {
  const text = block.subarray(offset, offset + length).toString("utf8");
  const end = text.indexOf("\0");
  return end < 0 ? text : text.slice(0, end);
}

/** A safe relative path for `name`, or an error: no absolute paths, no `..`, nothing outside `into`. */
function target(into: string, name: string): string {
  const clean = name.replace(/^\.\//, "");
  if (!clean || path.isAbsolute(clean) || clean.split("/").some((part) => part === "..")) {
    throw new ArchiveError(`the archive names a path outside its folder: ${name}`);
  }
  return path.join(into, ...clean.split("/"));
}

/**
 * Extracts a gzipped tar made by writeTarGz into `into` (which must exist), regular files and
 * folders only. Returns the names of the files extracted.
 */
export async function extractTarGz(archive: string, into: string): Promise<string[]> {
  const names: string[] = [];
  let pending = Buffer.alloc(0);
  let current: { fd: number; left: number; pad: number } | undefined;
  let skip = 0;
  let pax: Record<string, string> = {};
  let paxLeft = -1;
  let paxBody = Buffer.alloc(0);
  let ended = false;

  const gunzip = fs.createReadStream(archive).pipe(zlib.createGunzip());
  try {
    for await (const chunk of gunzip) {
      pending = Buffer.concat([pending, chunk as Buffer]);
      for (;;) {
        if (current) {
          const take = Math.min(current.left, pending.length);
          if (take > 0) fs.writeSync(current.fd, pending, 0, take);
          pending = pending.subarray(take);
          current.left -= take;
          if (current.left > 0) break;
          fs.closeSync(current.fd);
          skip = current.pad;
          current = undefined;
        }
        if (paxLeft >= 0) {
          const take = Math.min(paxLeft, pending.length);
          paxBody = Buffer.concat([paxBody, pending.subarray(0, take)]);
          pending = pending.subarray(take);
          paxLeft -= take;
          if (paxLeft > 0) break;
          for (const line of paxBody.toString("utf8").split("\n")) {
            const m = /^\d+ ([^=]+)=(.*)$/.exec(line);
            if (m) pax[m[1]!] = m[2]!;
          }
          paxLeft = -1;
          paxBody = Buffer.alloc(0);
        }
        if (skip > 0) {
          const take = Math.min(skip, pending.length);
          pending = pending.subarray(take);
          skip -= take;
          if (skip > 0) break;
        }
        if (ended || pending.length < BLOCK) break;
        const block = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (block.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const size =
          pax.size !== undefined ? Number(pax.size) : Number.parseInt(field(block, 124, 12).trim() || "0", 8);
        const type = String.fromCharCode(block[156] ?? 0);
        const prefix = field(block, 345, 155);
        const name = pax.path ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
        if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError(`a bad size for ${name}`);
        if (type === "x") {
          pax = {};
          paxLeft = size;
          skip = (BLOCK - (size % BLOCK)) % BLOCK;
          continue;
        }
        pax = {};
        if (type === "5") {
          fs.mkdirSync(target(into, name), { recursive: true });
          continue;
        }
        if (type !== "0" && type !== "\0") throw new ArchiveError(`not a plain file in the archive: ${name}`);
        const file = target(into, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        current = { fd: fs.openSync(file, "wx"), left: size, pad: (BLOCK - (size % BLOCK)) % BLOCK };
        names.push(name);
      }
    }
  } catch (err) {
    if (current) fs.closeSync(current.fd);
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(`not a London Daily backup, or a damaged one (${(err as Error).message})`);
  }
  if (current || !ended) throw new ArchiveError("the archive ends too early: it is incomplete");
  return names;
}
