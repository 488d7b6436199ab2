import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Dialect } from "../db/connect.js";
import * as initial from "./2026-11-28-0001-initial.js";
import * as articleRelated from "./2026-11-28-0002-article-related.js";
import * as articleViews from "./2026-11-28-0003-article-views.js";
import * as discoveryIndex from "./2026-11-29-0004-discovery-index.js";
import * as jobs from "./2026-11-29-0005-jobs.js";
import * as newsletters from "./2026-11-29-0006-newsletters.js";
import * as newsroom from "./2026-11-29-0007-newsroom.js";
import * as mediaLibrary from "./2026-11-29-0008-media-library.js";
import * as videoProcessing from "./2026-11-29-0009-video-processing.js";
import * as newsletterEditions from "./2026-11-29-0010-newsletter-editions.js";
import * as newsletterSources from "./2026-11-29-0011-newsletter-sources.js";
import * as signInLimits from "./2026-12-07-0012-sign-in-limits.js";
import * as deliveryRetries from "./2026-12-07-0013-delivery-retries.js";
import * as preferenceLinks from "./2026-12-07-0014-preference-links.js";
import * as pendingVersions from "./2026-12-07-0015-pending-versions.js";
import * as deliveryReports from "./2026-12-07-0016-delivery-reports.js";
import * as articleTextFacts from "./2026-12-07-0017-article-text-facts.js";
import * as controlledBylines from "./2026-12-07-0026-controlled-bylines.js";
import * as trash from "./2026-12-07-0027-trash.js";
import * as notifications from "./2026-12-07-0030-notifications.js";
import * as liveBlogs from "./2026-12-07-0037-live-blogs.js";
import * as audience from "./2026-12-07-0040-audience.js";
import * as editionUnsubscribes from "./2026-12-07-0041-edition-unsubscribes.js";
import * as wire from "./2026-12-07-0044-wire.js";
import * as jobRunners from "./2026-12-07-0046-job-runners.js";
import * as integrations from "./2026-12-07-0047-integrations.js";
import * as webhooks from "./2026-12-07-0048-webhooks.js";
import * as importsAndRedirects from "./2026-12-07-0049-imports-and-redirects.js";
import * as bannerAndPush from "./2026-12-07-0050-banner-and-push.js";
import * as audienceRollups from "./2026-12-07-0051-audience-rollups.js";
import * as searchBylines from "./2026-12-07-0052-search-bylines.js";
import * as wireSearchInline from "./2026-12-08-0053-wire-search-inline.js";

interface DialectMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  down?(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

// Listed explicitly (not read from disk) so the migrations ship inside any bundle; names sort by time.
const migrations: Record<string, DialectMigration> = {
  "2026-11-28-0001-initial": initial,
  "2026-11-28-0002-article-related": articleRelated,
  "2026-11-28-0003-article-views": articleViews,
  "2026-11-29-0004-discovery-index": discoveryIndex,
  "2026-11-29-0005-jobs": jobs,
  "2026-11-29-0006-newsletters": newsletters,
  "2026-11-29-0007-newsroom": newsroom,
  "2026-11-29-0008-media-library": mediaLibrary,
  "2026-11-29-0009-video-processing": videoProcessing,
  "2026-11-29-0010-newsletter-editions": newsletterEditions,
  "2026-11-29-0011-newsletter-sources": newsletterSources,
  "2026-12-07-0012-sign-in-limits": signInLimits,
  "2026-12-07-0013-delivery-retries": deliveryRetries,
  "2026-12-07-0014-preference-links": preferenceLinks,
  "2026-12-07-0015-pending-versions": pendingVersions,
  "2026-12-07-0016-delivery-reports": deliveryReports,
  "2026-12-07-0017-article-text-facts": articleTextFacts,
  "2026-12-07-0026-controlled-bylines": controlledBylines,
  "2026-12-07-0027-trash": trash,
  "2026-12-07-0030-notifications": notifications,
  "2026-12-07-0037-live-blogs": liveBlogs,
  "2026-12-07-0040-audience": audience,
  "2026-12-07-0041-edition-unsubscribes": editionUnsubscribes,
  "2026-12-07-0044-wire": wire,
  "2026-12-07-0046-job-runners": jobRunners,
  "2026-12-07-0047-integrations": integrations,
  "2026-12-07-0048-webhooks": webhooks,
  "2026-12-07-0049-imports-and-redirects": importsAndRedirects,
  "2026-12-07-0050-banner-and-push": bannerAndPush,
  "2026-12-07-0051-audience-rollups": audienceRollups,
  "2026-12-07-0052-search-bylines": searchBylines,
  "2026-12-08-0053-wire-search-inline": wireSearchInline,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) {
      out[name] = {
        up: (db) => m.up(db, this.dialect),
        ...(m.down ? { down: (db: Kysely<any>) => m.down!(db, this.dialect) } : {}),
      };
    }
    return out;
  }
}

/** Runs every pending migration, or those up to and including `until` (a benchmark's "before"). */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect, until?: string): Promise<string[]> {
  // On PostgreSQL, name the schema: Kysely otherwise takes a migration table in any schema (another
  // tenant's, another test run's) for ours and skips creating it.
  const schema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await (until ? migrator.migrateTo(until) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    // The cause's words in the message: an operator reads one line, not a chain of causes.
    const why = error instanceof Error ? `: ${error.message}` : "";
    throw new Error(`${failed ? `Migration ${failed.migrationName}` : "Migrating"} failed${why}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
