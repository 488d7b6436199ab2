import { zonedIsoDate } from "../platform/time.js";
import { BREAKING_NEWS, loadAlertEdition, raiseBreakingAlert } from "./breaking-alert.js";
import { composeDigest, findDigestNewsletter, loadDigestEdition, outgoingDigestEdition } from "./digest-edition.js";
import { type SendDeps, deliverEdition } from "./send-edition.js";
import { VIDEO_NEWSLETTER, composeVideoEdition, loadVideoEdition, outgoingVideoEdition } from "./video-edition.js";

// What the `newsletter.breaking`, `newsletter.video` and `newsletter.digest` jobs do (registered in src/jobs.ts). Each
// returns the note the job keeps for the newsroom; a transient SMTP failure throws, and the job
// runner retries the run, which sends only what is still queued.

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
  return describeSend(result.status, result.sent, result.failed, "alert");
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
  return describeSend(result.status, result.sent, result.failed, "edition");
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
  return describeSend(result.status, result.sent, result.failed, "edition");
}

/** The note a send job keeps: held, paused, or the counts. */
export function describeSend(status: string, sent: number, failed: number, what: string): string {
  if (status === "held") return `The ${what} is held: nothing sent.`;
  if (status === "paused") return "The newsletter is paused: nothing sent.";
  return `Sent: ${sent} delivered, ${failed} failed.`;
}
