import { z } from "zod";
import { PUSH_JOB } from "../banner/banner.service.js";
import type { Db } from "../database.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { findNotice, sendPush } from "./push-send.js";
import { vapidKeysLoader } from "./vapid-keys.js";

export interface PushJobDeps {
  db: Db;
  now: () => Date;
  siteUrl: string;
  /** The VAPID subject push services may contact (VAPID_SUBJECT). */
  vapidSubject: string;
}

/** Breaking news to readers' devices: each subscription once; a retry sends the rest. */
export function pushJobHandlers(deps: PushJobDeps) {
  const { db } = deps;
  const keys = vapidKeysLoader(db, deps.now);
  return {
    [PUSH_JOB]: defineJob({
      schema: z.union([
        z.strictObject({ articleId: z.number().int().positive() }),
        z.strictObject({ bannerId: z.number().int().positive() }),
      ]),
      leaseMs: 5 * 60_000,
      run: async (source, ctx) => {
        const notice = await findNotice(db, source, deps.siteUrl);
        if (!notice) return void (await ctx.progress(1, 1, "Nothing to send: the story or banner is gone."));
        const result = await sendPush({ db, now: deps.now, keys, subject: deps.vapidSubject }, notice);
        const note = `Sent ${result.sent}, pruned ${result.pruned} gone, ${result.failed} failed.`;
        // Those not reached are tried again by the job's retry; those reached are not sent twice.
        if (result.failed > 0) throw new Error(note);
        await ctx.progress(1, 1, note);
      },
    }),
  };
}
