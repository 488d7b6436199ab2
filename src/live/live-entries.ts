import type { ArticleRow } from "../articles/article.table.js";
import { collectEmbeds, validateDocument } from "../articles/document/document.schema.js";
import { documentToPlainText } from "../articles/document/plain-text.js";
import type { Db } from "../database.js";
import type { NewsroomUser } from "../platform/admin/session.js";
import { assertArticleAccess, mayAccessArticle } from "../newsroom/articles/article-access.js";
import { findArticleRow } from "../newsroom/articles/article-draft.js";
import { recordAudit } from "../platform/admin/audit.js";
import { pageTags } from "../pages/page-tags.js";
import type { PageInvalidator } from "../platform/cache/page-invalidator.js";
import { AppError } from "../platform/errors.js";
import type { LiveMessage } from "./live-hub.js";
import { clearLiveDraft } from "./live-drafts.queries.js";
import { type LiveBlog, type LiveEntry, findEntry, findLiveBlog, isPublic } from "./live.queries.js";
import { type EntryPatch, deleteEntry, insertEntry, setLiveStatus, updateEntry } from "./live.writes.js";
import type { LiveStatus } from "./live.table.js";

// The rules of posting to a live blog: whoever may edit the article may post, edit and delete its
// entries. On a published live blog, someone who may not publish it (a contributor, a writer on
// another's story) posts entries to review: they wait, unseen by readers, until someone who may
// publish approves them (`publish: true`), and their author may still change or withdraw them.

export interface LiveWriteDeps {
  db: Db;
  now: () => Date;
  /** Drops the pages a write touched before it answers. */
  pages: PageInvalidator;
  /** Tells every process's open streams (the hub's announce). */
  announce: (message: LiveMessage) => Promise<void>;
}

export interface Actor {
  user: NewsroomUser;
  ip: string;
}

interface Access {
  article: ArticleRow;
  blog: LiveBlog;
  /** Readers see what this user posts at once. */
  publishes: boolean;
}

export async function liveAccess(db: Db, user: NewsroomUser, articleId: number): Promise<Access> {
  const article = await findArticleRow(db, articleId);
  await assertArticleAccess(db, user, article, "edit");
  const blog = await findLiveBlog(db, articleId);
  if (!blog) throw new AppError("NOT_FOUND", "This article is not a live blog");
  const publishes = article.status !== "published" || (await mayAccessArticle(db, user, article, "publish"));
  return { article, blog, publishes };
}

/** An entry's document, checked against the article body's allow-list; never empty. */
export function checkEntryBody(body: unknown): unknown {
  const result = validateDocument(body);
  if (!result.ok) {
    throw new AppError("VALIDATION_FAILED", `body: ${result.errors.join("; ")}`, {
      details: result.errors.map((message) => ({ path: "body", message })),
    });
  }
  const embeds = collectEmbeds(result.doc);
  if (!documentToPlainText(result.doc).trim() && embeds.mediaIds.length === 0 && embeds.videoIds.length === 0) {
    throw new AppError("VALIDATION_FAILED", "body: Write the entry", {
      details: [{ path: "body", message: "Write the entry" }],
    });
  }
  return result.doc;
}

async function after(deps: LiveWriteDeps, articleId: number, rev: number, readersSee: boolean) {
  if (!readersSee) return;
  await deps.pages.invalidate([pageTags.live(articleId)]);
  await deps.announce({ articleId, rev });
}

export async function postEntry(
  deps: LiveWriteDeps,
  actor: Actor,
  articleId: number,
  input: { body: unknown; title?: string | undefined; keyEvent?: boolean | undefined; pinned?: boolean | undefined },
): Promise<LiveEntry> {
  const { publishes } = await liveAccess(deps.db, actor.user, articleId);
  const body = checkEntryBody(input.body);
  const entry = await insertEntry(
    deps.db,
    {
      articleId,
      title: input.title ?? "",
      body,
      status: publishes ? "published" : "in_review",
      pinned: input.pinned ?? false,
      keyEvent: input.keyEvent ?? false,
      authorId: actor.user.id,
      authorName: actor.user.name,
    },
    deps.now(),
  );
  await clearLiveDraft(deps.db, articleId, actor.user.id);
  await after(deps, articleId, entry.rev, isPublic(entry));
  return entry;
}

async function changeable(deps: LiveWriteDeps, actor: Actor, articleId: number, entryId: number) {
  const access = await liveAccess(deps.db, actor.user, articleId);
  const entry = await findEntry(deps.db, articleId, entryId);
  if (!entry || entry.deletedAt) throw new AppError("NOT_FOUND", "No such entry");
  // Without the right to publish, only one's own entries still in review.
  if (!access.publishes && (entry.status !== "in_review" || entry.authorId !== actor.user.id)) {
    throw new AppError("FORBIDDEN", "Only an editor who may publish this live blog can change entries readers see");
  }
  return { access, entry };
}

export async function editEntry(
  deps: LiveWriteDeps,
  actor: Actor,
  articleId: number,
  entryId: number,
  input: EntryPatch & { publish?: boolean | undefined },
): Promise<LiveEntry> {
  const { access, entry } = await changeable(deps, actor, articleId, entryId);
  if (input.publish && !access.publishes) {
    throw new AppError("FORBIDDEN", "Only an editor who may publish this live blog can approve entries");
  }
  const patch: EntryPatch = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.body !== undefined ? { body: checkEntryBody(input.body) } : {}),
    ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
    ...(input.keyEvent !== undefined ? { keyEvent: input.keyEvent } : {}),
    ...(input.publish ? { status: "published" as const } : {}),
  };
  const updated = await updateEntry(deps.db, entry, patch, deps.now());
  if (input.publish && entry.status === "in_review") {
    await recordAudit(deps.db, deps.now(), {
      userId: actor.user.id,
      ip: actor.ip,
      action: "live.entry.approve",
      subjectType: "article",
      subjectId: articleId,
      detail: { entryId },
    });
  }
  await after(deps, articleId, updated.rev, isPublic(entry) || isPublic(updated));
  return updated;
}

export async function removeEntry(deps: LiveWriteDeps, actor: Actor, articleId: number, entryId: number) {
  const { entry } = await changeable(deps, actor, articleId, entryId);
  const rev = await deleteEntry(deps.db, entry, deps.now());
  await recordAudit(deps.db, deps.now(), {
    userId: actor.user.id,
    ip: actor.ip,
    action: "live.entry.delete",
    subjectType: "article",
    subjectId: articleId,
    detail: { entryId, title: entry.title },
  });
  await after(deps, articleId, rev, isPublic(entry));
}

/**
 * Makes the article a live blog (open), closes or reopens it, or makes it a plain article again
 * (null: its entries go). On a published article this changes what readers see, so it takes the
 * right to publish it.
 */
export async function setLive(deps: LiveWriteDeps, actor: Actor, articleId: number, status: LiveStatus | null) {
  const article = await findArticleRow(deps.db, articleId);
  await assertArticleAccess(deps.db, actor.user, article, article.status === "published" ? "publish" : "edit");
  const was = await findLiveBlog(deps.db, articleId);
  await setLiveStatus(deps.db, articleId, status, deps.now());
  await recordAudit(deps.db, deps.now(), {
    userId: actor.user.id,
    ip: actor.ip,
    action: `live.${status ?? "off"}`,
    subjectType: "article",
    subjectId: articleId,
  });
  // Open ↔ closed changes the live pages alone (badge, coverage end); becoming a live blog or
  // ceasing to be one changes the article's own page, which carried no live tag before.
  const becomes = (was === undefined) !== (status === null);
  await deps.pages.invalidate(
    becomes ? [pageTags.live(articleId), pageTags.story(articleId)] : [pageTags.live(articleId)],
  );
  await deps.announce({ articleId, status: status ?? "closed" });
}
