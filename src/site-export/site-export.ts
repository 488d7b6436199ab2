import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { CROPS, type CropName, type ImageFormat, cropKey, variantKey } from "../media/image.js";
import type { Storage } from "../platform/storage/storage.js";
import {
  ACCOUNT_COLUMNS,
  EXPORTED_TABLES,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ORDER,
  type SiteExportFile,
  filesDirOf,
} from "./export-format.js";

// `london-daily export <file>`: every table a publisher owns, read in one transaction (a consistent
// picture while the site runs), written as the versioned JSON document, and the files its media,
// videos and captions name copied beside it.

type Row = Record<string, string | number | null>;

/** Values as the format writes them: numbers as numbers (PostgreSQL's counts may come as text). */
function normalise(row: Record<string, unknown>, nulls: string[]): Row {
  const out: Row = {};
  for (const key of Object.keys(row).sort()) {
    const value = row[key];
    out[key] =
      nulls.includes(key) || value === undefined
        ? null
        : typeof value === "bigint"
          ? Number(value)
          : (value as string | number | null);
  }
  return out;
}

export async function readSite(db: Kysely<Database>, now: Date): Promise<SiteExportFile> {
  const tables = await db.transaction().execute(async (trx) => {
    const result = {} as SiteExportFile["tables"];
    for (const table of EXPORTED_TABLES) {
      let query = trx.selectFrom(table as never).selectAll() as unknown as {
        orderBy(c: string): typeof query;
        execute(): Promise<Record<string, unknown>[]>;
      };
      for (const column of ORDER[table]) query = query.orderBy(column);
      result[table] = (await query.execute()).map((r) => normalise(r, ACCOUNT_COLUMNS[table] ?? []));
    }
    return result;
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    tables,
    files: filesOf(tables),
  };
}

const json = <T>(text: unknown, fallback: T): T => {
  try {
    return typeof text === "string" ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};

/** Every storage key the rows name: images with their variants and crops, video files and captions. */
export function filesOf(tables: SiteExportFile["tables"]): string[] {
  const keys = new Set<string>();
  for (const m of tables.media) {
    const key = String(m.storage_key);
    keys.add(key);
    for (const width of json<number[]>(m.variant_widths, []))
      for (const format of json<ImageFormat[]>(m.formats, ["webp"])) keys.add(variantKey(key, width, format));
    const version = Number(m.crop_version ?? 0);
    if (version > 0) for (const crop of Object.keys(CROPS) as CropName[]) keys.add(cropKey(key, crop, version));
  }
  for (const v of tables.videos) {
    keys.add(String(v.storage_key));
    const renditions = json<{ mp4?: string; hls?: { master?: string; variants?: { key?: string }[] } }>(
      v.renditions,
      {},
    );
    if (renditions.mp4) keys.add(renditions.mp4);
    if (renditions.hls?.master) keys.add(renditions.hls.master);
    for (const variant of renditions.hls?.variants ?? []) if (variant.key) keys.add(variant.key);
  }
  for (const c of tables.video_captions) keys.add(String(c.storage_key));
  return [...keys].filter((k) => k && k !== "null").sort();
}

/** Writes the document and copies the files that exist; returns the keys that were missing. */
export async function writeSiteExport(
  db: Kysely<Database>,
  storage: Storage,
  file: string,
  now: Date,
): Promise<{ site: SiteExportFile; missing: string[] }> {
  const site = await readSite(db, now);
  const dir = filesDirOf(file);
  fs.mkdirSync(dir, { recursive: true });
  const missing: string[] = [];
  const present: string[] = [];
  for (const key of site.files) {
    if (!(await storage.stat(key))) {
      missing.push(key);
      continue;
    }
    const target = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(storage.read(key), fs.createWriteStream(target));
    present.push(key);
  }
  site.files = present;
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(site, null, 1)}\n`);
  fs.renameSync(tmp, file);
  return { site, missing };
}
