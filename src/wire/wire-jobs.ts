import { z } from "zod";
import type { Db } from "../database.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import type { Schedule } from "../platform/jobs/schedule.js";
import { dueProviders, expireItems, pollProvider } from "./wire-poll.js";

// The wire's background work (docs/adr/030): every minute a tick queues one poll per provider
// whose time has come (keyed by provider and due time, so two ticks or two workers queue it once);
// a poll is one run of one provider; every night items past their age that nobody used go.

export const WIRE_JOBS = { tick: "wire.tick", poll: "wire.poll", expire: "wire.expire" } as const;

export interface WireJobDeps {
  db: Db;
  now: () => Date;
  /** Days an unused item stays in the queue (WIRE_RETENTION_DAYS). */
  retentionDays: number;
  /** Hosts feeds may be fetched from although they resolve to private addresses (WIRE_ALLOWED_HOSTS). */
  allowedHosts: ReadonlySet<string>;
  log?: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
}

export function wireJobHandlers(deps: WireJobDeps) {
  const { db } = deps;
  return {
    [WIRE_JOBS.tick]: defineJob({
      schema: z.object({}).passthrough(),
      run: async (_payload, ctx) => {
        const due = await dueProviders(db, deps.now());
        for (const provider of due) {
          await enqueue(
            db,
            WIRE_JOBS.poll,
            { providerId: provider.id },
            { key: `${WIRE_JOBS.poll}:${provider.id}@${provider.next_poll_at}`, maxAttempts: 1 },
          );
        }
        await ctx.progress(1, 1, `${due.length} provider(s) due`);
      },
    }),
    [WIRE_JOBS.poll]: defineJob({
      schema: z.object({ providerId: z.number().int().positive() }),
      leaseMs: 5 * 60_000,
      run: async ({ providerId }, ctx) => {
        const summary = await pollProvider(
          { db, now: deps.now, log: deps.log, http: { allowedHosts: deps.allowedHosts } },
          providerId,
        );
        await ctx.progress(1, 1, describePoll(summary));
      },
    }),
    [WIRE_JOBS.expire]: defineJob({
      schema: z.object({}).passthrough(),
      run: async (_payload, ctx) => {
        let removed = 0;
        for (let batch = -1; batch !== 0; removed += batch)
          batch = await expireItems(db, deps.now(), deps.retentionDays);
        await ctx.progress(1, 1, `Removed ${removed} wire item(s) older than ${deps.retentionDays} days`);
      },
    }),
  };
}

/** Whether any provider exists: without one the wire needs no schedule at all. */
export async function hasWireProviders(db: Db): Promise<boolean> {
  return (await db.selectFrom("wire_providers").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export function wireSchedules(timeZone: string): Schedule[] {
  return [
    { name: WIRE_JOBS.tick, cron: "* * * * *", timeZone, maxAttempts: 1 },
    { name: WIRE_JOBS.expire, cron: "15 4 * * *", timeZone },
  ];
}

export function describePoll(s: Awaited<ReturnType<typeof pollProvider>>): string {
  if (s.skipped === "paused") return `${s.provider}: paused`;
  if (s.skipped === "running") return `${s.provider}: another run is under way`;
  if (s.error) return `${s.provider}: failed: ${s.error}`;
  if (s.notModified) return `${s.provider}: nothing new (not modified)`;
  const parts = [`${s.created} new`, `${s.updated} updated`, `${s.unchanged} unchanged`];
  if (s.killed) parts.push(`${s.killed} killed`);
  if (s.refused) parts.push(`${s.refused} refused`);
  return `${s.provider}: ${parts.join(", ")}`;
}
