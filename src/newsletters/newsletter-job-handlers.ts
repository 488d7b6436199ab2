import { z } from "zod";
import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import { plural } from "../platform/plural.js";
import { defineJob } from "../platform/jobs/job-handler.js";
import { zonedIsoDate } from "../platform/time.js";
import { composeMorningHeadlines } from "./edition.js";
import { NEWSLETTER_JOB_NAMES } from "./job-names.js";
import { describeSend, resumeDelivery, sendBreakingAlert, sendDigest, sendVideoNewsletter } from "./newsletter-jobs.js";
import { type SendDeps, type SendResult, sendEdition } from "./send-edition.js";

// The newsletters' jobs by name (job-names.ts), as src/jobs.ts registers them: what each does is in
// newsletter-jobs.ts and send-edition.ts; here, its payload, its lease and the note it leaves.

/** `onSendProgress` is told of each message sent (the CLI draws a progress bar with it). */
export function newsletterJobHandlers(sendDeps: SendDeps, onSendProgress?: (done: number, total: number) => void) {
  const { db, now } = sendDeps;
  const timeZone = sendDeps.site.timeZone;
  return {
    // A breaking-news alert (queued when an editor publishes with "alert subscribers"); a second
    // run finds the same alert and sends only what is still queued.
    [NEWSLETTER_JOB_NAMES.breakingAlert]: defineJob({
      schema: z.object({ articleId: z.number().int().positive() }),
      leaseMs: 60_000,
      run: async ({ articleId }, ctx) => {
        const note = await sendBreakingAlert(sendDeps, articleId, (done, total) => {
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // Friday 12:00: the week's videos, composed and sent in one job (nothing to hold or edit in between).
    [NEWSLETTER_JOB_NAMES.video]: defineJob({
      schema: z.object({ editionDate: z.iso.date() }),
      leaseMs: 60_000,
      run: async ({ editionDate }, ctx) => {
        const note = await sendVideoNewsletter(sendDeps, editionDate, (done, total) => {
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // A newsletter an admin added: today's edition composed unless an editor already has it, then
    // sent unless held, in one job (a second run sends only what is still queued).
    [NEWSLETTER_JOB_NAMES.digest]: defineJob({
      schema: z.object({ newsletter: z.string().min(1).max(60), editionDate: z.iso.date() }),
      leaseMs: 60_000,
      run: async ({ newsletter, editionDate }, ctx) => {
        const note = await sendDigest(sendDeps, newsletter, editionDate, (done, total) => {
          onSendProgress?.(done, total);
          void ctx.progress(done, total, "sending").catch(() => undefined);
        });
        await ctx.progress(1, 1, note);
      },
    }),
    // Any edition's deliveries that are queued and due: the next try after a temporary failure, a resume
    // after a killed sender, failed ones an editor retries (resume-edition.ts).
    [NEWSLETTER_JOB_NAMES.deliver]: defineJob({
      schema: z.object({ editionId: z.number().int().positive(), addRecipients: z.boolean().optional() }),
      leaseMs: 60_000,
      run: async ({ editionId, addRecipients }, ctx) => {
        const note = await resumeDelivery(sendDeps, editionId, {
          ...(addRecipients ? { addRecipients } : {}),
          onProgress: (done, total) => {
            onSendProgress?.(done, total);
            void ctx.progress(done, total, "sending").catch(() => undefined);
          },
        });
        await ctx.progress(1, 1, note);
      },
    }),
    [NEWSLETTER_JOB_NAMES.compose]: defineJob({
      schema: z.object({ newsletter: z.literal(MORNING_HEADLINES), editionDate: z.iso.date().optional() }),
      run: async ({ editionDate }, ctx) => {
        // A compose caught up after a day's downtime is for a day that has gone: leave it.
        if (editionDate && editionDate !== zonedIsoDate(now(), timeZone)) {
          await ctx.progress(1, 1, `Skipped: the ${editionDate} edition's time has passed.`);
          return;
        }
        const result = await db.transaction().execute((trx) => composeMorningHeadlines(trx, { now: now(), timeZone }));
        // An empty news day makes no edition and no email; the note stays on the job for the newsroom.
        if (result.status === "empty")
          await ctx.progress(1, 1, "Nothing was published in the last 24 hours: no edition today.");
        else if (result.status === "composed")
          await ctx.progress(1, 1, `Composed with ${plural(result.items, "story", "stories")}.`);
      },
    }),
    [NEWSLETTER_JOB_NAMES.send]: defineJob({
      schema: z.object({
        newsletter: z.literal(MORNING_HEADLINES),
        editionDate: z.iso.date(),
      }),
      // Longer than the SMTP socket timeout (30 s), so a slow server never looks like a dead sender;
      // progress after every message renews it.
      leaseMs: 60_000,
      run: async ({ newsletter, editionDate }, ctx) => {
        // A send caught up late the same day still goes (better late than never); yesterday's does not.
        if (editionDate !== zonedIsoDate(now(), timeZone)) {
          await ctx.progress(1, 1, `Skipped: the ${editionDate} edition's day has passed.`);
          return;
        }
        // Composed at 05:30 normally; compose now if that did not happen (a restart in between).
        await db.transaction().execute((trx) => composeMorningHeadlines(trx, { now: now(), timeZone }));
        const result = await sendEdition(sendDeps, {
          newsletter,
          editionDate,
          onProgress: (done, total) => {
            onSendProgress?.(done, total);
            void ctx.progress(done, total, "sending").catch(() => undefined);
          },
        });
        // The note the newsroom shows beside the newsletter.
        await ctx.progress(1, 1, morningNote(result));
      },
    }),
  };
}

function morningNote(result: SendResult): string {
  if (result.status === "missing") return "Nothing was published in the last 24 hours: no edition today.";
  if (result.status === "empty") return "Every story in the edition was unpublished or cut: nothing sent.";
  return describeSend(result, "edition");
}
