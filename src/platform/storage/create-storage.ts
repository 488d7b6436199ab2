import path from "node:path";
import { StartupError } from "../startup.js";
import { S3Storage } from "./s3-storage.js";
import type { StorageSettings } from "./storage-config.js";
import { LocalDiskStorage, type Storage } from "./storage.js";

/** The storage the settings name: the bucket, or DATA_DIR/media on this machine. */
export function createStorage(config: { dataDir: string; storage?: StorageSettings | undefined }): Storage {
  const settings = config.storage ?? { kind: "local" };
  if (settings.kind === "s3") {
    const { kind: _kind, ...s3 } = settings;
    return new S3Storage(s3);
  }
  return new LocalDiskStorage(path.join(config.dataDir, "media"));
}

/** Lets go of a store's connections (the S3 client's sockets); nothing to do for the disk. */
export function closeStorage(storage: Storage): void {
  if (storage instanceof S3Storage) storage.close();
}

/**
 * Start-up check of the bucket. A wrong bucket, key or region is a setting to fix: the process
 * stops with one line naming it (StartupError). A store that cannot be reached right now is only
 * reported (the returned line): the site starts, as it does with its database down, and /media/
 * answers 503 until the store is back.
 */
export async function checkStorageAtStartup(config: { storage: StorageSettings }): Promise<string | undefined> {
  if (config.storage.kind !== "s3") return undefined;
  const { kind: _kind, ...settings } = config.storage;
  const storage = new S3Storage(settings);
  try {
    await storage.check();
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith("S3_ENDPOINT:")) return message;
    throw new StartupError(message);
  } finally {
    storage.close();
  }
}
