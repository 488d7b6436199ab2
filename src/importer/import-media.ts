import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../database.js";
import { MAX_UPLOAD_BYTES } from "../media/image.js";
import { type StoredImage, checkImageBytes, storeImageBytes } from "../media/store-image.js";
import type { Storage } from "../platform/storage/storage.js";
import { fetchPicture } from "../platform/webhooks/fetch-picture.js";
import { describeError } from "./jsonl-import.js";

// The pictures of an imported site go through the media pipeline (checked by content, cleaned of
// metadata, cut into variants) like an upload. They are read from the folder the operator names
// (`--media-dir`, a copy of Ghost's content/images or WordPress's wp-content/uploads); an export's
// image URL is matched to a file by the path after those folders, by its path, then by its name.
// With `--fetch-media`, an address not found there is fetched from its host (docs/adr/034): bounded,
// through the address guard (no private address unless the operator allowed the host), at most
// FETCHES_AT_ONCE at a time (the same bound holds the pipeline's work on files). The same bytes are stored once, and each URL is remembered in
// imported_items, so a run again fetches and stores nothing twice.

/** Pictures fetched at once: enough to hide a host's latency, few enough not to hammer it. */
export const FETCHES_AT_ONCE = 4;

export interface MediaFetchOptions {
  /** Hosts that may be fetched from although they resolve to private addresses. */
  allowedHosts: ReadonlySet<string>;
  /** The old site's address, for pictures the export names by path (Ghost's own uploads). */
  baseUrl?: string;
  timeoutMs?: number;
}

type Described = { alt?: string; caption?: string };

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
  options: { source: string; mediaDir?: string; fetch?: MediaFetchOptions; dryRun: boolean; now: () => Date },
): MediaImport {
  const cache = new Map<string, Promise<number | undefined>>();
  const slot = slots(FETCHES_AT_ONCE);
  // Two addresses of the same bytes may arrive at once: the second waits for the first's row.
  const storing = new Map<string, Promise<StoredImage>>();
  const counts = { stored: 0, reused: 0 };
  const failures = new Map<string, string>();
  const fail = (src: string, reason: string) => {
    failures.set(src, reason);
    return undefined;
  };

  async function importOne(src: string, described: Described): Promise<number | undefined> {
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
    // Reading, fetching and the pipeline's work, a few pictures at a time.
    return slot(() => importBytes(src, described));
  }

  async function importBytes(src: string, described: Described): Promise<number | undefined> {
    const file = options.mediaDir
      ? candidateFiles(options.mediaDir, src).find((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile())
      : undefined;
    let bytes: Buffer;
    let filename: string;
    if (file) {
      bytes = fs.readFileSync(file);
      filename = path.basename(file);
    } else if (options.fetch) {
      const url = fetchableUrl(src, options.fetch.baseUrl);
      if (!url) return fail(src, "a path with no site to fetch it from (name the old site with --media-url)");
      const fetched = await fetchPicture(url, {
        allowedHosts: options.fetch.allowedHosts,
        timeoutMs: options.fetch.timeoutMs ?? 20_000,
        maxBytes: MAX_UPLOAD_BYTES,
        userAgent: "LondonDaily-Import/1",
      });
      // The guard's sentence speaks of the newsroom's list; here the operator's is the one.
      if (!fetched.ok)
        return fail(
          src,
          fetched.reason.replace(/an admin must allow this host first$/, "allow its host in WIRE_ALLOWED_HOSTS"),
        );
      bytes = fetched.bytes;
      filename = path.posix.basename(new URL(url).pathname) || "picture";
    } else if (options.mediaDir) return fail(src, `not found in ${path.basename(options.mediaDir)}`);
    else return fail(src, "no --media-dir to read it from (or --fetch-media to fetch it)");
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
    const sha = createHash("sha256").update(bytes).digest("hex");
    const pending = storing.get(sha);
    const stored = pending
      ? { id: (await pending).id, reused: true }
      : await remember(
          storing,
          sha,
          storeImageBytes(
            db,
            storage,
            bytes,
            inspected,
            { alt: described.alt, caption: described.caption, filename },
            options.now(),
          ),
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

/** The address to fetch for an image source: absolute http(s), or a path on the old site. */
export function fetchableUrl(src: string, baseUrl: string | undefined): string | undefined {
  try {
    const url = /^https?:\/\//i.test(src) || src.startsWith("//") ? new URL(src, "https://x.invalid") : undefined;
    const resolved = url ?? (baseUrl ? new URL(src, baseUrl.replace(/\/*$/, "/")) : undefined);
    return resolved && /^https?:$/.test(resolved.protocol) ? resolved.toString() : undefined;
  } catch {
    return undefined;
  }
}

async function remember<T>(map: Map<string, Promise<T>>, key: string, work: Promise<T>): Promise<T> {
  map.set(key, work);
  try {
    return await work;
  } finally {
    map.delete(key);
  }
}

/** Runs at most `n` pieces of work at a time, the rest in the order they came. */
function slots(n: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    busy += 1;
    try {
      return await work();
    } finally {
      busy -= 1;
      waiting.shift()?.();
    }
  };
}
