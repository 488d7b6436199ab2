import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import type { Job } from "../platform/jobs/job.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { NEWSLETTER_JOB_NAMES } from "./job-names.js";

// Resuming an edition's send (docs/adr/008, amended): after a temporary failure (its deliveries wait
// for their next try), after a killed sender, or when an editor retries the failed ones. One job,
// `newsletter.deliver`, sends whatever of an edition is queued and due; every way of resuming queues it.

export const DELIVER_JOB = NEWSLETTER_JOB_NAMES.deliver;

export interface DeliverPayload {
  editionId: number;
  /** Also queue confirmed subscribers who have no delivery of this edition yet (an explicit send). */
  addRecipients?: boolean;
}

/**
 * Queues the deliver job for `runAt`. A follow-up (`retry`) is keyed by edition and time, so the one
 * a send queues, repeated by a second run, is one job; a `resume` someone asks for has no key, so it
 * is never an earlier, finished job (the edition's send lease keeps two senders from working at once).
 */
export function scheduleDelivery(
  db: Db,
  payload: DeliverPayload,
  runAt: Date,
  now: Date,
  why: "retry" | "resume" = "retry",
): Promise<Job> {
  const key = why === "retry" ? { key: `${DELIVER_JOB}:${payload.editionId}@${runAt.toISOString()}` } : {};
  return enqueue(db, DELIVER_JOB, payload, { runAt, now, ...key });
}

/**
 * Resumes an edition now: its waiting deliveries become due at once, and with `retryFailed` its
 * failed ones are queued again (attempts from zero) for subscribers who may still receive it.
 * Answers the deliver job, or a CONFLICT naming why there is nothing to resume.
 */
export async function resumeEdition(
  trx: Db,
  edition: { id: number; key: string; sendStatus: string },
  options: { retryFailed: boolean; now: Date },
): Promise<Job> {
  const at = options.now.toISOString();
  if (edition.sendStatus !== "sending" && edition.sendStatus !== "sent") {
    throw new AppError("CONFLICT", `This edition is ${edition.sendStatus}: send it first`);
  }
  if (options.retryFailed) {
    await trx
      .updateTable("deliveries")
      .set({ status: "queued", attempts: 0, retry_at: null, updated_at: at })
      .where("edition", "=", edition.key)
      .where("status", "=", "failed")
      .execute();
  }
  await trx
    .updateTable("deliveries")
    .set({ retry_at: null })
    .where("edition", "=", edition.key)
    .where("status", "=", "queued")
    .execute();
  const queued = await trx
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("edition", "=", edition.key)
    .where("status", "=", "queued")
    .executeTakeFirstOrThrow();
  if (Number(queued.n) === 0) {
    throw new AppError(
      "CONFLICT",
      options.retryFailed
        ? "No delivery of this edition failed: nothing to retry"
        : "Nothing of this edition waits to be sent",
    );
  }
  await trx
    .updateTable("briefings")
    .set((eb) => ({ send_status: "sending", version: eb("version", "+", 1), updated_at: at }))
    .where("id", "=", edition.id)
    .execute();
  return scheduleDelivery(trx, { editionId: edition.id }, options.now, options.now, "resume");
}
