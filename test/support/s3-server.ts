import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { S3Settings } from "../../src/platform/storage/s3-storage.js";

/** s3rver's built-in account: it refuses any other access key id (InvalidAccessKeyId). */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TestS3 {
  endpoint: string;
  /** Settings for a new empty bucket (named after `label`, unique in this server). */
  bucket(label?: string): Promise<S3Settings>;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver, on 127.0.0.1 and a free port) keeping its objects in a
 * temporary folder, for the tests of S3Storage and of the site on a bucket.
 */
export async function startS3(): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  let n = 0;
  return {
    endpoint,
    async bucket(label = "media") {
      const name = `${label.toLowerCase().replace(/[^a-z0-9-]/g, "-")}-${++n}`.slice(0, 63);
      await admin.send(new CreateBucketCommand({ Bucket: name }));
      return { bucket: name, endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS };
    },
    async close() {
      admin.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
