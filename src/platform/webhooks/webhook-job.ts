import { z } from "zod";
import type { Kysely } from "kysely";
import { defineJob } from "../jobs/job-handler.js";
import type { JobsDatabase } from "../jobs/job.table.js";
import { type DeliverOptions, deliverOnce } from "./deliver.js";
import { DELIVER_JOB } from "./webhook-events.js";
import type { WebhooksDatabase } from "./webhook.table.js";

/** One attempt at one webhook delivery (docs/adr/033): it schedules its own retry. */
export function webhookJobHandlers<DB extends WebhooksDatabase & JobsDatabase>(deps: {
  db: Kysely<DB>;
  now: () => Date;
  options?: Omit<DeliverOptions, "now"> | undefined;
}) {
  const { db, now } = deps;
  return {
    [DELIVER_JOB]: defineJob({
      schema: z.object({ deliveryId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ deliveryId }, ctx) => {
        const outcome = await deliverOnce(db, deliveryId, { now, ...deps.options });
        await ctx.progress(1, 1, `delivery ${deliveryId}: ${outcome}`);
      },
    }),
  };
}
