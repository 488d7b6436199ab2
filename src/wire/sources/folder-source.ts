import fs from "node:fs/promises";
import path from "node:path";
import { MAX_FEED_BYTES } from "../formats/xml.js";

// A folder that files are dropped into (an FTP server's target). Each file is one delivery; once
// read it moves to `.processed/` (or `.failed/` with the reason beside it), so a file is taken once
// and an operator can see what was refused. A file changed in the last few seconds may still be
// arriving and waits for the next run.

export const SETTLE_MS = 2000;

export interface DroppedFile {
  name: string;
  bytes: Buffer;
}

export async function listDropped(
  folder: string,
  now: number,
  maxFiles = 200,
): Promise<{ files: string[]; tooLarge: string[] }> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new Error(
      `The folder ${path.basename(folder)} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const files: { name: string; mtime: number }[] = [];
  const tooLarge: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    const stat = await fs.stat(path.join(folder, entry.name));
    if (now - stat.mtimeMs < SETTLE_MS) continue;
    if (stat.size > MAX_FEED_BYTES) tooLarge.push(entry.name);
    else files.push({ name: entry.name, mtime: stat.mtimeMs });
  }
  files.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
  return { files: files.slice(0, maxFiles).map((f) => f.name), tooLarge };
}

export async function readDropped(folder: string, name: string): Promise<Buffer> {
  return fs.readFile(path.join(folder, name));
}

/** Moves a file out of the way once read: to `.processed/`, or to `.failed/` with a note of why. */
export async function settleDropped(folder: string, name: string, at: Date, failure?: string): Promise<void> {
  const target = path.join(folder, failure ? ".failed" : ".processed");
  await fs.mkdir(target, { recursive: true });
  const stamp = at.toISOString().replace(/[:.]/g, "-");
  const moved = `${stamp}-${name}`;
  await fs.rename(path.join(folder, name), path.join(target, moved));
  if (failure) await fs.writeFile(path.join(target, `${moved}.error.txt`), `${failure}\n`);
}
