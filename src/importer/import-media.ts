import fs from "node:fs";
import path from "node:path";
import type { Db } from "../database.js";
import { checkImageBytes, storeImageBytes } from "../media/store-image.js";
import type { Storage } from "../platform/storage/storage.js";
import { describeError } from "./jsonl-import.js";

// The pictures of an imported site go through the media pipeline (checked by content, cleaned of
// metadata, cut into variants) like an upload. They are read from the folder the operator names
// (`--media-dir`, a copy of Ghost's content/images or WordPress's wp-content/uploads); an export's
// image URL is matched to a file by the path after those folders, by its path, then by its name.
// The same bytes are stored once, and each URL is remembered in imported_items, so a run again
// stores nothing twice.

export interface MediaImport {
  /** The media id for an image address; undefined when it could not be imported (the reason is recorded). */
  resolve(src: string, described?: { alt?: string; caption?: string }): Promise<number | undefined>;
  /** Images stored by this run, found stored already, and the addresses that failed with why. */
  readonly counts: { stored: number; reused: number };
  readonly failures: Map<string, string>;
}

const UPLOAD_DIRS = [/^.*?\/content\/images\/(?:size\/w\d+\/)?/, /^.*?\/wp-content\/uploads\//];

/** The files in `dir` an image address may be, best guess first; never outside `dir`. */
export function candidateFiles(dir: string, src: string): string[] {
  let pathname: string;
  try {
    pathname = decodeURIComponent(
      new URL(src.replace(/^__GHOST_URL__/, "http://ghost.invalid"), "http://x.invalid").pathname,
    );
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const pattern of UPLOAD_DIRS) if (pattern.test(pathname)) names.add(pathname.replace(pattern, ""));
  names.add(pathname.replace(/^\/+/, ""));
  names.add(path.posix.basename(pathname));
  // WordPress's resized copies (photo-300x200.jpg) fall back to the original.
  for (const name of [...names]) names.add(name.replace(/-\d{2,5}x\d{2,5}(\.\w+)$/, "$1"));
  const root = path.resolve(dir);
  return [...names]
    .filter(Boolean)
    .map((n) => path.resolve(root, n))
    .filter((p) => p.startsWith(root + path.sep));
}

export function mediaImport(
  db: Db,
  storage: Storage,
  options: { source: string; mediaDir?: string; dryRun: boolean; now: () => Date },
): MediaImport {
  const cache = new Map<string, Promise<number | undefined>>();
  const counts = { stored: 0, reused: 0 };
  const failures = new Map<string, string>();
  const fail = (src: string, reason: string) => {
    failures.set(src, reason);
    return undefined;
  };

  async function importOne(src: string, described: { alt?: string; caption?: string }): Promise<number | undefined> {
    const known = await db
      .selectFrom("imported_items")
      .select("local_id")
      .where("source", "=", options.source)
      .where("kind", "=", "media")
      .where("external_id", "=", src.slice(0, 1000))
      .executeTakeFirst();
    if (known) {
      counts.reused += 1;
      return known.local_id;
    }
    if (!options.mediaDir) return fail(src, "no --media-dir to read it from");
    const file = candidateFiles(options.mediaDir, src).find((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
    if (!file) return fail(src, `not found in ${path.basename(options.mediaDir)}`);
    const bytes = fs.readFileSync(file);
    let inspected;
    try {
      inspected = await checkImageBytes(bytes);
    } catch (error) {
      return fail(src, describeError(error));
    }
    if (options.dryRun) {
      counts.stored += 1;
      return 1;
    }
    const stored = await storeImageBytes(
      db,
      storage,
      bytes,
      inspected,
      { alt: described.alt, caption: described.caption, filename: path.basename(file) },
      options.now(),
    );
    const id = stored.id;
    if (stored.reused) counts.reused += 1;
    else counts.stored += 1;
    await db
      .insertInto("imported_items")
      .values({
        source: options.source,
        kind: "media",
        external_id: src.slice(0, 1000),
        local_id: id,
        created_at: options.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(["source", "kind", "external_id"]).doNothing())
      .execute();
    return id;
  }

  return {
    counts,
    failures,
    resolve(src, described = {}) {
      const key = src.trim();
      if (!cache.has(key)) cache.set(key, importOne(key, described));
      return cache.get(key)!;
    },
  };
}
