import type { ArticleRow, ArticleStatus } from "../../articles/article.table.js";
import type { Db } from "../../database.js";
import { enqueueReindex } from "../../discovery/reindex-job.js";
import { AppError } from "../../platform/errors.js";
import { enqueue } from "../../platform/jobs/job.queries.js";
import { formatDateTime } from "../../platform/time.js";
import { PUSH_JOB } from "../../banner/banner.service.js";
import { type StoryBanner, raiseStoryBanner } from "../../banner/story-banner.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { recordArticleEvent } from "./article-events.js";
import { queueNotifications } from "../notifications/notify.js";
import { allows } from "../../platform/admin/permissions.js";
import { findArticleRow, loadDraft } from "./article-draft.js";
import { assertEmbargo, assertReady, readinessProblems } from "./readiness.js";
import { type Actor } from "./article-editing.js";
import { assertArticleAccess } from "./article-access.js";
import { assertSeen, refuseStale } from "./approval.js";
import { NEWSLETTER_JOB_NAMES } from "../../newsletters/job-names.js";
import { applyPending } from "./pending.js";
import { assertBylineAllowed } from "./bylines.js";

// The review workflow: draft → in review → scheduled → published → unpublished, every move
// recorded with who, when and why, each in one transaction with the change it records.

export const PUBLISH_JOB = "article.publish";
/** The breaking-news alert for one article (handled by the newsletters; one per article, ever). */
export const BREAKING_ALERT_JOB = NEWSLETTER_JOB_NAMES.breakingAlert;

/** Which moves are possible from which state (the API refuses the rest with 409). */
const MOVES: Record<string, ArticleStatus[]> = {
  submit: ["draft"],
  return: ["in_review", "scheduled"],
  publish: ["draft", "in_review", "scheduled", "unpublished"],
  schedule: ["draft", "in_review", "scheduled", "unpublished"],
  unschedule: ["scheduled"],
  unpublish: ["published"],
};

function assertMove(row: ArticleRow, move: keyof typeof MOVES) {
  if (!MOVES[move]!.includes(row.status)) {
    throw new AppError("CONFLICT", `An article that is ${row.status.replace("_", " ")} cannot be ${pastTense[move]}`);
  }
}
const pastTense: Record<string, string> = {
  submit: "submitted for review",
  return: "returned",
  publish: "published",
  schedule: "scheduled",
  unschedule: "unscheduled",
  unpublish: "unpublished",
};

async function moveTo(
  trx: Db,
  row: ArticleRow,
  to: ArticleStatus,
  who: { userId: number | null; ip: string },
  now: Date,
  note = "",
  extra: Record<string, unknown> = {},
) {
  // Conditional on the version read in this transaction: a save that slipped in between makes the
  // move a conflict rather than a move of text nobody looked at.
  const moved = await trx
    .updateTable("articles")
    .set((eb) => ({ status: to, version: eb("version", "+", 1), ...extra }))
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) await refuseStale(trx, row.id);
  const event = await trx
    .insertInto("article_events")
    .values({
      article_id: row.id,
      from_status: row.status,
      to_status: to,
      user_id: who.userId,
      note,
      at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Those to tell (the desk, the writer) are told by a job queued in this same transaction.
  await queueNotifications(trx, { id: event.id, from: row.status, to }, now);
  if (to === "published" || to === "unpublished")
    await recordArticleEvent(trx, to === "published" ? "article.published" : "article.unpublished", row.id, now, {
      from: row.status,
    });
  await recordAudit(trx, now, {
    ...who,
    action: `article.${to}`,
    subjectType: "article",
    subjectId: row.id,
    detail: { from: row.status, ...(note ? { note } : {}) },
  });
}

/**
 * The published state, whoever or whatever (a schedule) publishes. With `alert`, a breaking
 * article also queues its alert to the Breaking news subscribers, in the same transaction and
 * keyed by the article, so an alert goes once however often the article is (re)published.
 */
async function goLive(
  trx: Db,
  row: ArticleRow,
  who: { userId: number | null; ip: string },
  now: Date,
  note = "",
  alert = false,
) {
  await moveTo(trx, row, "published", who, now, note, {
    published_at: row.published_at ?? now.toISOString(),
    updated_at: now.toISOString(),
    scheduled_at: null,
    // Publishing revokes every preview link made before.
    preview_nonce: row.preview_nonce + 1,
  });
  // Its search entry and the related lists it enters follow after commit (discovery/reindex-job.ts).
  await enqueueReindex(trx, [row.id], now);
  if (alert) {
    if (row.breaking !== 1) {
      throw new AppError("VALIDATION_FAILED", "Only an article flagged breaking can alert subscribers", {
        details: [{ path: "alertSubscribers", message: "Flag the article as breaking first" }],
      });
    }
    await enqueue(trx, BREAKING_ALERT_JOB, { articleId: row.id }, { key: `${BREAKING_ALERT_JOB}:${row.id}`, now });
    // The alert reaches readers who opted in to Web Push as well (src/push), once per article.
    await enqueue(trx, PUSH_JOB, { articleId: row.id }, { key: `${PUSH_JOB}:article-${row.id}`, now });
  }
}

export interface WorkflowContext {
  db: Db;
  now: Date;
  timeZone: string;
}

export async function submitForReview(ctx: WorkflowContext, actor: Actor, articleId: number, note = "") {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "edit");
    assertMove(row, "submit");
    await assertBylineAllowed(trx, actor.user, row);
    await moveTo(trx, row, "in_review", { userId: actor.user.id, ip: actor.ip }, ctx.now, note);
  });
  return loadDraft(ctx.db, articleId);
}

export async function returnToDraft(ctx: WorkflowContext, actor: Actor, articleId: number, note: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    assertMove(row, "return");
    await moveTo(trx, row, "draft", { userId: actor.user.id, ip: actor.ip }, ctx.now, note, { scheduled_at: null });
  });
  return loadDraft(ctx.db, articleId);
}

export async function publishNow(
  ctx: WorkflowContext,
  actor: Actor,
  articleId: number,
  options: { baseVersion: number; alert?: boolean; banner?: StoryBanner | undefined },
) {
  if (options.banner && !allows(actor.user, "banner.manage")) {
    throw new AppError("FORBIDDEN", "Only editors raise the breaking-news banner");
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "publish");
    assertMove(row, "publish");
    await assertSeen(trx, row, options.baseVersion);
    assertEmbargo(row, ctx.now, ctx.timeZone);
    await assertReady(trx, row);
    await assertBylineAllowed(trx, actor.user, row);
    await goLive(
      trx,
      row,
      { userId: actor.user.id, ip: actor.ip },
      ctx.now,
      row.status === "in_review" ? "Approved" : "",
      options.alert === true,
    );
    if (options.banner) {
      await raiseStoryBanner(trx, row.id, options.banner, { userId: actor.user.id, ip: actor.ip }, ctx.now);
    }
  });
  return loadDraft(ctx.db, articleId);
}

export async function schedulePublication(
  ctx: WorkflowContext,
  actor: Actor,
  articleId: number,
  at: Date,
  options: { baseVersion: number; alert?: boolean },
) {
  if (at.getTime() <= ctx.now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Choose a time in the future (or publish now)", {
      details: [{ path: "at", message: "In the past" }],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "publish");
    assertMove(row, "schedule");
    await assertSeen(trx, row, options.baseVersion);
    assertEmbargo(row, at, ctx.timeZone);
    await assertReady(trx, row);
    await assertBylineAllowed(trx, actor.user, row);
    if (options.alert && row.breaking !== 1) {
      throw new AppError("VALIDATION_FAILED", "Only an article flagged breaking can alert subscribers", {
        details: [{ path: "alertSubscribers", message: "Flag the article as breaking first" }],
      });
    }
    const iso = at.toISOString();
    await moveTo(
      trx,
      row,
      "scheduled",
      { userId: actor.user.id, ip: actor.ip },
      ctx.now,
      `For ${formatDateTime(at, ctx.timeZone)}`,
      {
        scheduled_at: iso,
      },
    );
    // Durable: the job survives a restart, and one missed while the server was down runs at start-up.
    await enqueue(
      trx,
      PUBLISH_JOB,
      { articleId, at: iso, alert: options.alert === true },
      { runAt: at, key: `${PUBLISH_JOB}:${articleId}:${iso}`, now: ctx.now },
    );
  });
  return loadDraft(ctx.db, articleId);
}

export async function unschedule(ctx: WorkflowContext, actor: Actor, articleId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, row, "publish");
    assertMove(row, "unschedule");
    // The queued job finds the article no longer scheduled for its time and does nothing.
    await moveTo(trx, row, "draft", { userId: actor.user.id, ip: actor.ip }, ctx.now, "Schedule cancelled", {
      scheduled_at: null,
    });
  });
  return loadDraft(ctx.db, articleId);
}

export async function unpublish(ctx: WorkflowContext, actor: Actor, articleId: number, note = "") {
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findArticleRow(trx, articleId);
    await assertArticleAccess(trx, actor.user, found, "publish");
    assertMove(found, "unpublish");
    // Off the site, the article has no live text to protect: its pending edits become its text.
    const row = await applyPending(trx, found, ctx.now);
    await moveTo(trx, row, "unpublished", { userId: actor.user.id, ip: actor.ip }, ctx.now, note, {
      updated_at: ctx.now.toISOString(),
    });
    await trx.deleteFrom("front_page").where("article_id", "=", articleId).execute();
    // It leaves the search index and every related list after commit; pages listing it as related
    // drop now, by its card's tag (articles/article.footprint.ts), and the list query skips it.
    await enqueueReindex(trx, [articleId], ctx.now);
  });
  return loadDraft(ctx.db, articleId);
}

/** What the scheduled-publication job does: publish if still scheduled for that time; else nothing. */
export async function publishScheduled(
  ctx: WorkflowContext,
  articleId: number,
  at: string,
  alert = false,
): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("articles").selectAll().where("id", "=", articleId).executeTakeFirst();
    if (!row) return "The article no longer exists";
    if (row.status !== "scheduled" || row.scheduled_at !== at)
      return "No longer scheduled for this time: nothing to do";
    if (row.embargo_at && ctx.now.getTime() < Date.parse(row.embargo_at)) return "Still under embargo";
    const problems = await readinessProblems(trx, row);
    if (problems.length) {
      await moveTo(
        trx,
        row,
        "draft",
        { userId: null, ip: "" },
        ctx.now,
        `Not published: ${problems.map((p) => p.message).join("; ")}`,
        {
          scheduled_at: null,
        },
      );
      return "Not ready: returned to draft";
    }
    await goLive(trx, row, { userId: null, ip: "" }, ctx.now, "Scheduled publication", alert && row.breaking === 1);
    return "Published";
  });
}
