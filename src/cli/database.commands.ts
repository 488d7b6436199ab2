import { prepareDatabase } from "../bootstrap.js";
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { removeDemo } from "../demo/remove-demo.js";
import { type RebuildPhase, rebuildDiscoveryIndex } from "../discovery/discovery-index.js";
import { recordAudit } from "../platform/admin/audit.js";
import { migrateToLatest } from "../platform/migrations/migrate.js";
import { createStorage } from "../platform/storage/create-storage.js";
import type { CliCommand } from "./cli-args.js";
import { progressBar } from "./progress.js";

// `migrate`, `seed demo`, `demo remove` and `reindex`: the database as a whole.

export async function migrateCommand({ handle, out }: CliCommand): Promise<number> {
  const applied = await migrateToLatest(handle.db, handle.dialect);
  out(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
  return 0;
}

export async function seedDemoCommand({ handle, config, out, servers }: CliCommand): Promise<number> {
  const { seeded } = await prepareDatabase(handle, { ...config, seedDemo: true });
  out(seeded ? "Seeded the demo newsroom." : "The database already has articles: nothing seeded.");
  if (seeded) await (await servers())?.dropAll();
  return 0;
}

export async function removeDemoCommand({ handle, config, values, out, servers }: CliCommand): Promise<number> {
  await migrateToLatest(handle.db, handle.dialect);
  const storage = createStorage(config);
  const confirmed = values.yes === true;
  const counts = await removeDemo(handle.db, storage, { dryRun: !confirmed });
  const what =
    `${counts.articles} stories, ${counts.media} images, ${counts.videos} videos, ${counts.editions} editions, ` +
    `${counts.authors} authors, ${counts.tags} topics and ${counts.sections} sections`;
  if (!confirmed) {
    out(
      `This removes the demo newsroom for good: ${what}. Nothing else is touched. Run again with --yes to remove it.`,
    );
    return 1;
  }
  await recordAudit(handle.db, new Date(), {
    userId: null,
    action: "demo.removed",
    subjectType: "site",
    detail: { ...counts },
    ip: "cli",
  });
  out(`Removed the demo newsroom: ${what}.`);
  await (await servers())?.dropAll();
  return 0;
}

export async function reindexCommand({ handle, out, prepare, servers }: CliCommand): Promise<number> {
  await prepare();
  const started = performance.now();
  const { articles } = await reindex(handle.db);
  out(`Reindexed ${articles} published articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  await (await servers())?.dropAll();
  return 0;
}

const PHASES: Record<RebuildPhase, string> = {
  counting: "Counting words",
  indexing: "Indexing",
  relating: "Relating articles",
};

function reindex(db: Kysely<Database>) {
  const bars = new Map<RebuildPhase, ReturnType<typeof progressBar>>();
  return rebuildDiscoveryIndex(db, (phase, done, total) => {
    if (!bars.has(phase)) bars.set(phase, progressBar(PHASES[phase]));
    bars.get(phase)!.update(done, total);
  });
}
