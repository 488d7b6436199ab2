import fs from "node:fs";
import path from "node:path";
import type { Config } from "../platform/config.js";
import { copyToBucket } from "../platform/storage/copy-to-bucket.js";
import { S3Storage } from "../platform/storage/s3-storage.js";
import { progressBar } from "./progress.js";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * `storage migrate`: copies DATA_DIR/media to the bucket the settings name, resumably. Checks the
 * bucket and credentials first, so a wrong S3_BUCKET or key fails at once with the setting to fix.
 */
export async function storageMigrateCommand(
  config: Config,
  out: (line: string) => void,
  options: {
    fail?: (line: string) => void;
    progress?: (done: number, total: number) => void;
    concurrency?: number;
  } = {},
): Promise<number> {
  const fail = options.fail ?? out;
  if (config.storage.kind !== "s3") {
    fail("storage migrate copies DATA_DIR/media to a bucket: set S3_BUCKET (and S3_ENDPOINT, S3_REGION…) first.");
    return 1;
  }
  const root = path.join(config.dataDir, "media");
  if (!fs.existsSync(root)) {
    out(`Nothing to copy: ${root} does not exist.`);
    return 0;
  }
  const { kind: _kind, ...settings } = config.storage;
  const bucket = new S3Storage(settings);
  try {
    try {
      await bucket.check();
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
      return 1;
    }
    const where = settings.endpoint ? `${settings.endpoint}/${settings.bucket}` : `s3://${settings.bucket}`;
    out(`Copying ${root} to ${where}`);
    const bar = progressBar("Copying media");
    const report = await copyToBucket(root, bucket, options.progress ?? bar.update, options.concurrency);
    out(
      `Copied ${report.copied} files (${mb(report.copiedBytes)}); ${report.skipped} already in the bucket; ` +
        `${report.failed} failed; ${report.ignored} ignored.`,
    );
    for (const problem of report.problems) fail(`  ${problem}`);
    if (report.failed > 0) {
      fail("Run the command again to copy what failed: files already copied are skipped.");
      return 1;
    }
    out("The files stay in DATA_DIR/media: remove them once the site serves media from the bucket.");
    return 0;
  } finally {
    bucket.close();
  }
}
