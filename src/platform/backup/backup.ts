import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { type TarEntry, extractTarGz, writeTarGz } from "./tar.js";

// A backup of a running site (docs/adr/013): the SQLite database through SQLite's online backup
// API (a consistent copy that includes what still sits in the WAL, taken while the site writes),
// then every file under DATA_DIR/media (images, video, captions), in one gzipped tar. The database
// goes first: a media file is written before any row names it, so every file the copied rows
// name is already on disk when the folder is read. The mail outbox and temporary uploads are left
// out. On PostgreSQL the database is pg_dump's job; the archive then holds the media only.

export const SQLITE_FILE = "london-daily.sqlite";
const MANIFEST = "london-daily-backup.json";

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The SQLite file in the archive, or null when the database is PostgreSQL (not in the archive). */
  database: typeof SQLITE_FILE | null;
  mediaFiles: number;
}

export class BackupError extends Error {}

function* walk(dir: string, prefix: string): Generator<TarEntry> {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(file, name);
    else if (entry.isFile()) {
      // A file removed between listing and reading (a replaced upload) is simply not in the backup.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat) yield { name, file, size: stat.size, mtime: stat.mtime };
    }
  }
}

/** Backs up DATA_DIR (and its SQLite database unless `postgres`) into the gzipped tar `archive`. */
export async function backupDataDir(
  dataDir: string,
  archive: string,
  options: { postgres: boolean; now?: Date },
): Promise<BackupManifest> {
  const workDir = fs.mkdtempSync(path.join(path.dirname(path.resolve(archive)), ".london-daily-backup-"));
  const partial = path.join(workDir, "archive.tar.gz");
  try {
    const entries: TarEntry[] = [];
    if (!options.postgres) {
      const source = path.join(dataDir, SQLITE_FILE);
      if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}: is DATA_DIR right?`);
      const copy = path.join(workDir, SQLITE_FILE);
      const db = new SQLite(source, { readonly: true, fileMustExist: true });
      try {
        // Every page in one step: one read transaction, so one consistent moment even while
        // another process writes (a stepwise copy restarts on every write it sees, and under
        // steady writes may never finish). better-sqlite3 takes no "all"; the largest count is it.
        await db.backup(copy, { progress: () => 0x7fffffff });
      } finally {
        db.close();
      }
      const stat = fs.statSync(copy);
      entries.push({ name: SQLITE_FILE, file: copy, size: stat.size, mtime: stat.mtime });
    }
    const media = [...walk(path.join(dataDir, "media"), "media")];
    const manifest: BackupManifest = {
      format: 1,
      createdAt: (options.now ?? new Date()).toISOString(),
      database: options.postgres ? null : SQLITE_FILE,
      mediaFiles: media.length,
    };
    const manifestFile = path.join(workDir, MANIFEST);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const first = { name: MANIFEST, file: manifestFile, size: fs.statSync(manifestFile).size, mtime: new Date() };
    await writeTarGz(partial, [first, ...entries, ...media]);
    // Only a complete archive takes the name asked for.
    fs.renameSync(partial, archive);
    return manifest;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** True when `dir` does not exist or holds nothing. */
function isEmptyOrAbsent(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw err;
  }
}

/**
 * Restores an archive made by backupDataDir into `dataDir`, which must be empty or absent. The
 * archive is extracted beside it and moved into place at the end, so a failure leaves no half
 * restored DATA_DIR.
 */
export async function restoreDataDir(archive: string, dataDir: string): Promise<BackupManifest> {
  if (!isEmptyOrAbsent(dataDir)) {
    throw new BackupError(`${dataDir} is not empty: restore only into an empty or new DATA_DIR`);
  }
  if (!fs.existsSync(archive)) throw new BackupError(`no such file: ${archive}`);
  const parent = path.dirname(path.resolve(dataDir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, ".london-daily-restore-"));
  try {
    await extractTarGz(archive, staging);
    const manifestFile = path.join(staging, MANIFEST);
    if (!fs.existsSync(manifestFile)) throw new BackupError(`${archive} is not a London Daily backup`);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
    if (manifest.format !== 1) throw new BackupError(`${archive} is a backup format this version does not read`);
    fs.rmSync(manifestFile);
    if (fs.existsSync(dataDir)) fs.rmdirSync(dataDir);
    fs.renameSync(staging, dataDir);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
