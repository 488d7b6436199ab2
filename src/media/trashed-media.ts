import type { Db } from "../database.js";
import type { Bus } from "../platform/bus/bus.js";

// Files of images in the trash are not served (issue 18, docs/adr/031): `/media/` answers 404 for
// an image's original, its variants and its focal crops while it is in the trash, and serves them
// again once restored (a purge then removes the files themselves).
//
// Serving an image must stay as cheap as before, so no request asks the database: each process
// keeps the names of the trashed images in memory (a Set lookup per request) and reads them again
// when told. The process that trashes or restores reads them before it answers and tells the others
// on the bus; a process that may have missed a message (the bus lost Redis) reads them when the bus
// is back, and every process reads them once a minute whatever happens.

export const TRASHED_MEDIA_CHANNEL = "media-trash";
const REFRESH_MS = 60_000;

/** "images/x-1.jpg" → "images/x-1": what every file of that image starts with. */
const baseOf = (key: string) => key.replace(/\.[a-z0-9]+$/i, "");

/**
 * The image a stored file belongs to, by the names the pipeline gives (src/media/image.ts): the
 * original "b.jpg", a variant "b-640.webp", a crop "b-social-v2.jpg". Several candidates, since a
 * name alone cannot tell "b-640" the variant from an original called "b-640".
 */
export function imageBasesOf(key: string): string[] {
  const base = baseOf(key);
  const out = [base];
  const variant = /^(.*)-\d+$/.exec(base);
  if (variant) out.push(variant[1]!);
  const crop = /^(.*)-[a-z]+-v\d+$/.exec(base);
  if (crop) out.push(crop[1]!);
  return out;
}

/** "/media/images/a%20b.jpg?v=1" → "images/a b.jpg". */
export function decodeMediaKey(url: string): string {
  const path = url.slice("/media/".length).split(/[?#]/, 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface TrashedMedia {
  /** True when `key` (a path under /media/) is a file of an image in the trash. */
  hides(key: string): boolean;
  /** After a trash or a restore: read again here, then tell the other processes. */
  changed(): Promise<void>;
  close(): void;
}

export async function trashedMedia(deps: {
  db: Db;
  bus: Bus;
  log?: { warn: (obj: object, msg: string) => void };
}): Promise<TrashedMedia> {
  let bases = new Set<string>();
  const load = async () => {
    // A file shared by a row outside the trash (a copy of the same upload) stays served for it.
    const rows = await deps.db
      .selectFrom("media as m")
      .select("m.storage_key")
      .where("m.trashed_at", "is not", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("media as o")
              .select("o.id")
              .whereRef("o.storage_key", "=", "m.storage_key")
              .where("o.trashed_at", "is", null),
          ),
        ),
      )
      .execute();
    bases = new Set(rows.map((r) => baseOf(r.storage_key)));
  };
  const reload = () =>
    load().catch((err: unknown) => deps.log?.warn({ err }, "trashed images not read; keeping the last list"));
  await reload();
  const unsubscribe = deps.bus.subscribe(TRASHED_MEDIA_CHANNEL, () => void reload());
  const offGap = deps.bus.onGap(() => void reload());
  const timer = setInterval(() => void reload(), REFRESH_MS);
  timer.unref();
  return {
    hides: (key) => bases.size > 0 && imageBasesOf(key).some((b) => bases.has(b)),
    async changed() {
      await load();
      await deps.bus.publish(TRASHED_MEDIA_CHANNEL, "changed").catch((err: unknown) => {
        deps.log?.warn({ err }, "other processes not told of a trashed image; they read it within a minute");
      });
    },
    close() {
      clearInterval(timer);
      unsubscribe();
      offGap();
    },
  };
}
