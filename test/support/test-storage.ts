import path from "node:path";
import { createStorage } from "../../src/platform/storage/create-storage.js";
import { withLocalFile } from "../../src/platform/storage/local-file.js";
import { S3Storage } from "../../src/platform/storage/s3-storage.js";
import type { StorageSettings } from "../../src/platform/storage/storage-config.js";
import type { Storage } from "../../src/platform/storage/storage.js";
import type { TestS3 } from "./s3-server.js";

/** The stores an HTTP test of media runs against: the local disk and a bucket on s3rver. */
export const STORAGE_KINDS = ["disk", "s3"] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** What a test needs to look at stored files, whichever the store. */
export interface TestStorage {
  settings: StorageSettings;
  storage: Storage;
  /** The bytes under a key or a /media/ URL. */
  bytes(keyOrUrl: string): Promise<Buffer>;
  /** Every key under a prefix ("videos/12/"), relative to it, sorted. */
  keys(prefix: string): Promise<string[]>;
  /** Runs `use` with a file on this machine holding the object (ffprobe, sharp from a path). */
  file<T>(keyOrUrl: string, use: (file: string) => Promise<T>): Promise<T>;
  close(): void;
}

const keyOf = (keyOrUrl: string) => keyOrUrl.replace(/^\/media\//, "");

export async function testStorage(
  kind: StorageKind,
  dataDir: string,
  s3?: TestS3,
  label = "media",
): Promise<TestStorage> {
  let settings: StorageSettings = { kind: "local" };
  if (kind === "s3") {
    if (!s3) throw new Error("an S3 test storage needs the test S3 server");
    settings = { kind: "s3", ...(await s3.bucket(label)) };
  }
  const storage = createStorage({ dataDir, storage: settings });
  const bytes = async (keyOrUrl: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of storage.read(keyOf(keyOrUrl))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const keys = async (prefix: string) => {
    const all: string[] = [];
    if (storage instanceof S3Storage) {
      for await (const page of storage.pages(prefix)) all.push(...page.map((o) => o.key.slice(prefix.length)));
    } else {
      const fs = await import("node:fs");
      const root = path.join(dataDir, "media", prefix);
      if (fs.existsSync(root)) {
        for (const d of fs.readdirSync(root, { recursive: true, withFileTypes: true }))
          if (d.isFile()) all.push(path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join("/"));
      }
    }
    return all.sort();
  };
  return {
    settings,
    storage,
    bytes,
    keys,
    file: (keyOrUrl, use) => withLocalFile(storage, keyOf(keyOrUrl), use),
    close: () => {
      if (storage instanceof S3Storage) storage.close();
    },
  };
}
