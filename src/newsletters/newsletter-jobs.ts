import { PermanentJobError } from "../platform/jobs/job-handler.js";
import { AppError } from "../platform/errors.js";
import { zonedIsoDate } from "../platform/time.js";
import { BREAKING_NEWS, loadAlertEdition, raiseBreakingAlert } from "./breaking-alert.js";
import { composeDigest, findDigestNewsletter, loadDigestEdition, outgoingDigestEdition } from "./digest-edition.js";
import { findEditionRow, outgoingEdition } from "./editions.js";
import { type SendDeps, type SendResult, deliverEdition } from "./send-edition.js";
import { VIDEO_NEWSLETTER, composeVideoEdition, loadVideoEdition, outgoingVideoEdition } from "./video-edition.js";

// What the `newsletter.breaking`, `newsletter.video`, `newsletter.digest` and `newsletter.deliver` jobs do
// (newsletter-job-handlers.ts). Each returns the note the job keeps for the newsroom. Deliveries that
// failed for a temporary reason wait for their own next try (a `newsletter.deliver` job is queued for
// it), so the job itself succeeds; it fails when every delivery failed, and is retried when another
// sender holds the edition.

type Progress = (done: number, total: number) => void;

async function isPaused(deps: SendDeps, slug: string): Promise<boolean> {
  const row = await deps.db.selectFrom("newsletters").select("status").where("slug", "=", slug).executeTakeFirst();
  return row?.status === "paused";
}

export async function sendBreakingAlert(deps: SendDeps, articleId: number, onProgress?: Progress): Promise<string> {
  const { db } = deps;
  const existing = await db
    .selectFrom("briefings")
    .select("id")
    .where("newsletter", "=", BREAKING_NEWS)
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  // A paused newsletter sends nothing, and its alert is not kept for later: news that broke while
  // alerts were off is not news to send hours afterwards.
  if (!existing && (await isPaused(deps, BREAKING_NEWS))) return "Breaking news alerts are paused: nothing sent.";
  const raised = await raiseBreakingAlert(db, { articleId, now: deps.now() });
  if (raised.status === "missing") return `Article ${articleId} no longer exists: nothing sent.`;
  if (raised.status === "not-published") return `Article ${articleId} is not published: no alert sent.`;
  const row = await db
    .selectFrom("briefings")
    .select(["id", "intro", "send_status", "article_id"])
    .where("id", "=", raised.briefingId)
    .executeTakeFirstOrThrow();
  const edition = await loadAlertEdition(
    db,
    { id: row.id, articleId: row.article_id!, intro: row.intro, sendStatus: row.send_status },
    deps.site,
  );
  if (!edition) return `Article ${articleId} no longer exists: nothing sent.`;
  if (!edition.published && edition.sendStatus === "pending")
    return `Article ${articleId} is not published: no alert sent.`;
  const result = await deliverEdition(deps, BREAKING_NEWS, edition, onProgress ? { onProgress } : {});
  return describeSend(result, "alert");
}

export async function sendVideoNewsletter(deps: SendDeps, editionDate: string, onProgress?: Progress): Promise<string> {
  const { db, site } = deps;
  // Caught up after downtime on a later day: that week's newsletter is not sent late.
  if (editionDate !== zonedIsoDate(deps.now(), site.timeZone))
    return `Skipped: the ${editionDate} edition's day has passed.`;
  if (await isPaused(deps, VIDEO_NEWSLETTER)) return "The Video newsletter is paused: nothing sent.";
  const composed = await db
    .transaction()
    .execute((trx) => composeVideoEdition(trx, { now: deps.now(), timeZone: site.timeZone }));
  if (composed.status === "empty") return "No video was published this week: no Video newsletter.";
  const edition = await loadVideoEdition(db, composed.briefingId);
  if (!edition || edition.items.length === 0) return "The edition has no videos left: nothing sent.";
  const result = await deliverEdition(
    deps,
    VIDEO_NEWSLETTER,
    outgoingVideoEdition(edition, site),
    onProgress ? { onProgress } : {},
  );
  return describeSend(result, "edition");
}

export async function sendDigest(
  deps: SendDeps,
  slug: string,
  editionDate: string,
  onProgress?: Progress,
): Promise<string> {
  const { db, site } = deps;
  if (editionDate !== zonedIsoDate(deps.now(), site.timeZone))
    return `Skipped: the ${editionDate} edition's day has passed.`;
  const newsletter = await findDigestNewsletter(db, slug);
  if (!newsletter) return `There is no newsletter "${slug}" to compose: nothing sent.`;
  if (await isPaused(deps, slug)) return `${newsletter.name} is paused: nothing sent.`;
  const composed = await db
    .transaction()
    .execute((trx) => composeDigest(trx, newsletter, { now: deps.now(), timeZone: site.timeZone }));
  if (composed.status === "empty") return `Nothing new was published for ${newsletter.name}: no edition.`;
  const edition = await loadDigestEdition(db, composed.briefingId);
  if (!edition || edition.items.length === 0) return "Every story in the edition has been unpublished: nothing sent.";
  const result = await deliverEdition(
    deps,
    slug,
    outgoingDigestEdition(edition, site),
    onProgress ? { onProgress } : {},
  );
  return describeSend(result, "edition");
}

/** Another sender holds the edition: the job runner tries again after its back-off (past that lease). */
export class EditionBusyError extends Error {
  constructor(until: string | null) {
    super(`Another sender is sending this edition${until ? ` (its lease ends at ${until})` : ""}; trying again later`);
    this.name = "EditionBusyError";
  }
}

/**
 * The note a send job keeps: held, paused, or the counts. Throws when there is nothing to note: every
 * delivery failed (the job fails, it did not succeed) or another sender holds the edition (retry).
 */
export function describeSend(result: SendResult, what: string): string {
  if (result.status === "held") return `The ${what} is held: nothing sent.`;
  if (result.status === "paused") return "The newsletter is paused: nothing sent.";
  if (result.status === "busy") throw new EditionBusyError(result.nextRetryAt);
  const { sent, failed, waiting } = result;
  if (sent === 0 && waiting === 0 && failed > 0) {
    throw new PermanentJobError(`Every delivery failed (${failed}); an editor can retry the failed ones.`);
  }
  if (waiting > 0) {
    return `${sent} delivered, ${waiting} waiting (next try at ${result.nextRetryAt ?? "once due"}), ${failed} failed.`;
  }
  return `Sent: ${sent} delivered, ${failed} failed.`;
}

/** The `newsletter.deliver` job: sends what of an edition is queued and due (a resume, a retry). */
export async function resumeDelivery(
  deps: SendDeps,
  editionId: number,
  options: { addRecipients?: boolean; onProgress?: Progress },
): Promise<string> {
  const row = await findEditionRow(deps.db, editionId).catch(() => undefined);
  if (!row) return `Edition ${editionId} no longer exists: nothing sent.`;
  if (row.send_status === "held") return "The edition is held: nothing sent.";
  if (row.send_status === "pending") return "The edition has not been sent yet: nothing to resume.";
  let edition;
  try {
    edition = await outgoingEdition(deps.db, row, deps.site);
  } catch (err) {
    if (err instanceof AppError) throw new PermanentJobError(err.message, { cause: err });
    throw err;
  }
  const result = await deliverEdition(deps, row.newsletter, edition, {
    ...(options.addRecipients ? { addRecipients: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return describeSend(result, "edition");
}
