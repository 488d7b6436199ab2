import type { Database } from "./database.js";
import { seedDemo } from "./demo/seed.js";
import type { Config } from "./platform/config.js";
import type { DatabaseHandle } from "./platform/db/connect.js";
import { withPrepareLock } from "./platform/db/prepare-lock.js";
import { migrateToLatest } from "./platform/migrations/migrate.js";
import { closeStorage, createStorage } from "./platform/storage/create-storage.js";

/** The demo's files go where the site keeps media: DATA_DIR/media or the bucket. */
async function seedInto(handle: DatabaseHandle<Database>, config: Config, now: Date): Promise<boolean> {
  const storage = createStorage(config);
  try {
    return await seedDemo(handle.db, { dataDir: config.dataDir, now, timeZone: config.timeZone, storage });
  } finally {
    closeStorage(storage);
  }
}

/**
 * Migrations, then the demo newsroom into an empty database when SEED_DEMO allows, under one lock:
 * a second process starting at the same time waits, then finds both done.
 */
export async function prepareDatabase(
  handle: DatabaseHandle<Database>,
  config: Config,
  now: Date = new Date(),
): Promise<{ migrations: string[]; seeded: boolean }> {
  return withPrepareLock(handle, async () => {
    const migrations = await migrateToLatest(handle.db, handle.dialect);
    const seeded = config.seedDemo ? await seedInto(handle, config, now) : false;
    return { migrations, seeded };
  });
}
