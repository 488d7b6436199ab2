import { z } from "zod";
import type { Db } from "../database.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { backfillTextFacts } from "./article-text.js";

export const TEXT_FACTS_JOB = "articles.text-facts";

/** Rows from before descriptions and word counts were stored get theirs, 500 per transaction. */
export function articleJobHandlers(deps: { db: Db }) {
  const { db } = deps;
  return {
    [TEXT_FACTS_JOB]: defineJob({
      schema: z.object({}),
      leaseMs: 5 * 60_000,
      run: async (_payload, ctx) => {
        let filled = 0;
        for (let n = await backfillTextFacts(db); n > 0; n = await backfillTextFacts(db)) {
          filled += n;
          await ctx.progress(filled, filled + 1, "filling descriptions and word counts");
        }
        await ctx.progress(1, 1, `Filled the description and word count of ${filled} articles.`);
      },
    }),
  };
}
