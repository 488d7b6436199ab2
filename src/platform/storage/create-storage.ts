import path from "node:path";
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
