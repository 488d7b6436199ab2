import path from "node:path";
import { BackupError, backupDataDir, restoreDataDir } from "../platform/backup/backup.js";
import { ArchiveError } from "../platform/backup/tar.js";
import type { Config } from "../platform/config.js";

// `london-daily backup <file>` and `london-daily restore <file>`. They run before the CLI opens
// the database: a backup reads the SQLite file on its own connection, and a restore must find
// DATA_DIR empty, which opening the database would spoil.

const PG_NOTE =
  'The database is PostgreSQL: back it up with pg_dump (pg_dump -Fc "$DATABASE_URL" > london-daily.dump) ' +
  "and restore it with pg_restore; this archive holds the media only.";

export async function backupCommand(config: Config, file: string | undefined, out: (line: string) => void) {
  if (!file) {
    out("Name the archive to write: london-daily backup <file.tar.gz>");
    return 1;
  }
  const postgres = config.databaseUrl !== undefined;
  if (postgres) out(PG_NOTE);
  if (config.storage.kind === "s3")
    out(
      `Media are kept in the bucket ${config.storage.bucket} (S3_BUCKET), which this archive does not hold: ` +
        "back them up with the store's versioning or replication.",
    );
  const started = performance.now();
  try {
    const manifest = await backupDataDir(config.dataDir, path.resolve(file), { postgres });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(
      `Backed up ${manifest.database ? "the database and " : ""}${manifest.mediaFiles} media files ` +
        `from ${config.dataDir} to ${file} in ${seconds} s.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError || err instanceof ArchiveError) {
      out(`Backup failed: ${err.message}`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code) {
      out(`Backup failed: ${e.code} ${e.path ? `on ${e.path}` : ""} (${e.message})`);
      return 1;
    }
    throw err;
  }
}

export async function restoreCommand(config: Config, file: string | undefined, out: (line: string) => void) {
  if (!file) {
    out("Name the archive to restore: london-daily restore <file.tar.gz>");
    return 1;
  }
  try {
    const manifest = await restoreDataDir(path.resolve(file), config.dataDir);
    if (manifest.database && config.databaseUrl) {
      out(
        `Restored into ${config.dataDir}, but DATABASE_URL is set: the site will use PostgreSQL, ` +
          `not the restored SQLite database. Unset DATABASE_URL to use it.`,
      );
    } else if (!manifest.database) {
      out(
        `Restored ${manifest.mediaFiles} media files into ${config.dataDir}. The archive holds no database: ` +
          "restore PostgreSQL from its pg_dump with pg_restore.",
      );
    } else {
      out(
        `Restored the database and ${manifest.mediaFiles} media files into ${config.dataDir} (backup of ${manifest.createdAt}).`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError || err instanceof ArchiveError) {
      out(`Restore failed: ${err.message}`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code) {
      out(`Restore failed: ${e.code} ${e.path ? `on ${e.path}` : ""} (${e.message})`);
      return 1;
    }
    throw err;
  }
}
