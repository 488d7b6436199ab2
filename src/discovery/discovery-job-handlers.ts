import { z } from "zod";
import type { Kysely } from "kysely";
import type { Database, Db } from "../database.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { pageTags } from "../pages/page-tags.js";
import { rebuildDiscoveryIndex } from "./discovery-index.js";
import { REINDEX_JOB, reindexPayload, runReindex } from "./reindex-job.js";

// The discovery jobs by name, as src/jobs.ts registers them: the whole index rebuilt, and one
// article's entry and related lists after a write.

export const REBUILD_INDEX_JOB = "discovery.rebuild";

export function discoveryJobHandlers(deps: { db: Kysely<Database>; reader?: Db | undefined; pages: PageInvalidator }) {
  const { db, reader, pages } = deps;
  return {
    [REBUILD_INDEX_JOB]: defineJob({
      schema: z.object({}),
      leaseMs: 5 * 60_000,
      run: async (_payload, ctx) => {
        const { relatedChanged } = await rebuildDiscoveryIndex(
          db,
          (phase, done, total) => void ctx.progress(done, total, phase).catch(() => undefined),
        );
        await pages.invalidate(relatedChanged.map(pageTags.related));
      },
    }),
    // A published, updated or withdrawn article's search entry and related lists, after the write
    // committed; the pages showing a list it rewrote are dropped (reindex-job.ts).
    [REINDEX_JOB]: defineJob({
      schema: reindexPayload,
      leaseMs: 60_000,
      run: async ({ articleIds }, ctx) => {
        // The rankings run on `reader` (SQLite's read threads, docs/adr/042).
        const changed = await runReindex(db, articleIds, ctx.job.attempts > 1, {
          jobId: ctx.job.id,
          ...(reader ? { reader } : {}),
        });
        await pages.invalidate(changed.map(pageTags.related));
        await ctx.progress(1, 1, `Re-indexed ${articleIds.length}; ${changed.length} related lists changed.`);
      },
    }),
  };
}
