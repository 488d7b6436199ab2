import type { FastifyRequest } from "fastify";
import { storyBannerInput } from "../../banner/story-banner.js";
import { z } from "zod";
import { writtenBy } from "../../articles/article.queries.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { allows } from "../../platform/admin/permissions.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { changeArticle } from "./article-changes.js";
import { draftPatch, findArticleRow, loadDraft } from "./article-draft.js";
import { type Actor, createDraft, restoreRevision, saveDraft } from "./article-editing.js";
import { assertArticleAccess, mayAccessArticle } from "./article-access.js";
import { slugAvailable, suggestSlug } from "./article-fields.js";
import { listItems } from "./article-list.js";
import { untouchedDraftOf } from "../trash/article-trash.js";
import { previewToken } from "./preview.js";
import { discardPending, publishOrUpdate } from "./staged-updates.js";
import { compareSnapshots, getRevision, listRevisions } from "./revisions.js";
import { addNote } from "./article-notes.js";
import { reviewQueue } from "./review-queue.js";
import {
  type WorkflowContext,
  returnToDraft,
  schedulePublication,
  submitForReview,
  unpublish,
  unschedule,
} from "./workflow.js";

const STATUSES = ["draft", "in_review", "scheduled", "published", "unpublished"] as const;
const id = z.coerce.number().int().positive();
export const idParams = z.strictObject({ id });
export const revisionParams = z.strictObject({ id, rev: id });
export const listQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  sectionId: id.optional(),
  authorId: id.optional(),
  mine: z.enum(["1", "true", "0", "false"]).optional(),
  cursor: z
    .string()
    .max(100)
    .regex(/^[\w:.-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const createBody = z.strictObject({
  headline: z.string().trim().max(200).optional(),
  sectionId: id.optional(),
  authorIds: z.array(id).min(1, "Add at least one author").max(10, "At most 10 authors").optional(),
});
export const noteBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const returnBody = z.strictObject({ note: z.string().trim().min(1, "Say what needs changing").max(2000) });
// baseVersion: the version the publisher saw, and the only one they approve (409 when it moved on).
const baseVersion = z.number().int().positive();
export const scheduleBody = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  baseVersion,
  alertSubscribers: z.boolean().optional(),
});
export const correctionBody = z.strictObject({
  kind: z.enum(["correction", "update"]),
  text: z.string().trim().min(1, "Write the note").max(2000),
});
// On a published article: its pending copy goes live, with a correction or update note if given.
export const publishBody = z.strictObject({
  baseVersion,
  alertSubscribers: z.boolean().optional(),
  // Publish + banner (+ alert) in one action: the banner commits with the publication (docs/adr/035).
  banner: storyBannerInput.optional(),
  note: correctionBody.optional(),
});
export const discardBody = z.strictObject({ baseVersion });
export const restoreBody = z.strictObject({ baseVersion: z.number().int().positive() });
export const compareQuery = z.strictObject({ a: id, b: id });
export const slugQuery = z.strictObject({ slug: z.string().max(300), articleId: id.optional() });
export const queueQuery = z.strictObject({ sectionId: id.optional(), authorId: id.optional() });

export const registerArticleApiRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const actor = (req: FastifyRequest): Actor => ({ user: currentUser(req), ip: req.ip });
  const ctx = (): WorkflowContext => ({ db, now: deps.now(), timeZone: deps.config.timeZone });
  /** A write to a published (or publishing) article answers once no cache shows the old version. */
  const changing = <T>(articleId: number, write: (c: WorkflowContext) => Promise<T>) =>
    changeArticle(deps, articleId, () => write(ctx()));
  const viewable = async (req: FastifyRequest, articleId: number) => {
    const row = await findArticleRow(db, articleId);
    const user = currentUser(req);
    if (!allows(user, "article.read.any")) await assertArticleAccess(db, user, row, "edit");
    return row;
  };

  api.get("/articles", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const query = parseInput(listQuery, req.query, "query");
    const user = currentUser(req);
    const mine = query.mine === "1" || query.mine === "true" || !allows(user, "article.edit.any");
    let q = db.selectFrom("articles as a").select(["a.id", "a.updated_at"]).where("a.status", "!=", "trashed");
    if (query.status) q = q.where("a.status", "=", query.status);
    if (query.sectionId) q = q.where("a.section_id", "=", query.sectionId);
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb(eb.fn("lower", ["a.headline"]), "like", eb.val(like)));
    }
    if (query.authorId) q = q.where(writtenBy(query.authorId));
    if (mine) {
      q = q.where((eb) =>
        eb.or([
          eb("a.created_by", "=", user.id),
          eb.exists(
            eb
              .selectFrom("article_authors as aa")
              .innerJoin("authors as au", "au.id", "aa.author_id")
              .select("aa.article_id")
              .whereRef("aa.article_id", "=", "a.id")
              .where("au.user_id", "=", user.id),
          ),
        ]),
      );
    }
    if (query.cursor) {
      const [at, idPart] = query.cursor.split("_");
      const after = Number(idPart);
      if (!at || !Number.isInteger(after))
        throw new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list");
      q = q.where((eb) =>
        eb.or([eb("a.updated_at", "<", at), eb.and([eb("a.updated_at", "=", at), eb("a.id", "<", after)])]),
      );
    }
    const rows = await q
      .orderBy("a.updated_at", "desc")
      .orderBy("a.id", "desc")
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await listItems(
        db,
        page.map((r) => r.id),
      ),
      next: rows.length > query.limit && last ? `${last.updated_at}_${last.id}` : null,
    };
  });

  api.post("/articles", { preHandler: requirePermission(deps, "article.create") }, async (req, reply) => {
    const body = parseInput(createBody, req.body);
    // "New article" again on an untouched empty draft opens that draft, so no "Untitled" piles up.
    if (!body.headline && !body.authorIds && !body.sectionId) {
      const reused = await untouchedDraftOf(db, currentUser(req).id);
      if (reused !== undefined) {
        const now = deps.now().toISOString();
        await db.updateTable("articles").set({ updated_at: now, created_at: now }).where("id", "=", reused).execute();
        return reply.status(200).send(await loadDraft(db, reused));
      }
    }
    const articleId = await createDraft(db, actor(req), body, deps.now());
    return reply.status(201).send(await loadDraft(db, articleId));
  });

  api.get("/articles/:id", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    await viewable(req, articleId);
    return loadDraft(db, articleId);
  });

  api.put(
    "/articles/:id",
    { preHandler: requirePermission(deps, "article.edit.own"), bodyLimit: 2 * 1024 * 1024 },
    async (req) => {
      const { id: articleId } = parseInput(idParams, req.params, "params");
      const patch = parseInput(draftPatch, req.body);
      return changing(articleId, () => saveDraft(db, actor(req), articleId, patch, deps.now()));
    },
  );

  api.get("/slug-check", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const query = parseInput(slugQuery, req.query, "query");
    const slug = slugify(query.slug);
    if (!slug) return { slug, available: false, suggestion: await suggestSlug(db, "untitled", query.articleId) };
    const available = await slugAvailable(db, slug, query.articleId);
    return { slug, available, suggestion: available ? slug : await suggestSlug(db, slug, query.articleId) };
  });

  api.get("/articles/:id/revisions", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    await viewable(req, articleId);
    return { items: await listRevisions(db, articleId) };
  });

  api.get("/articles/:id/revisions/:rev", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const { id: articleId, rev } = parseInput(revisionParams, req.params, "params");
    await viewable(req, articleId);
    return getRevision(db, articleId, rev);
  });

  api.get("/articles/:id/compare", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { a, b } = parseInput(compareQuery, req.query, "query");
    await viewable(req, articleId);
    const [left, right] = await Promise.all([getRevision(db, articleId, a), getRevision(db, articleId, b)]);
    return { a: left.id, b: right.id, fields: compareSnapshots(left.snapshot, right.snapshot) };
  });

  api.post(
    "/articles/:id/revisions/:rev/restore",
    { preHandler: requirePermission(deps, "article.edit.own") },
    async (req) => {
      const { id: articleId, rev } = parseInput(revisionParams, req.params, "params");
      const { baseVersion } = parseInput(restoreBody, req.body);
      return changing(articleId, () => restoreRevision(db, actor(req), articleId, rev, baseVersion, deps.now()));
    },
  );

  api.post("/articles/:id/submit", { preHandler: requirePermission(deps, "article.submit") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { note } = parseInput(noteBody, req.body);
    return submitForReview(ctx(), actor(req), articleId, note);
  });

  api.post("/articles/:id/return", { preHandler: requirePermission(deps, "article.review") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { note } = parseInput(returnBody, req.body);
    return returnToDraft(ctx(), actor(req), articleId, note);
  });

  api.post("/articles/:id/publish", { preHandler: requirePermission(deps, "article.publish.own") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const body = parseInput(publishBody, req.body);
    // A first publication or an Update of the pending copy: either changes what readers see.
    const published = await changing(articleId, (c) =>
      publishOrUpdate(c, actor(req), articleId, {
        baseVersion: body.baseVersion,
        alert: body.alertSubscribers,
        banner: body.banner,
        note: body.note,
      }),
    );
    if (body.banner) await deps.banner?.changed();
    return published;
  });

  api.post("/articles/:id/discard", { preHandler: requirePermission(deps, "article.discard") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { baseVersion } = parseInput(discardBody, req.body);
    return discardPending(ctx(), actor(req), articleId, baseVersion);
  });

  api.post("/articles/:id/schedule", { preHandler: requirePermission(deps, "article.publish.own") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const body = parseInput(scheduleBody, req.body);
    return schedulePublication(ctx(), actor(req), articleId, new Date(body.at), {
      baseVersion: body.baseVersion,
      alert: body.alertSubscribers,
    });
  });

  api.post("/articles/:id/unschedule", { preHandler: requirePermission(deps, "article.publish.own") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    return unschedule(ctx(), actor(req), articleId);
  });

  api.post("/articles/:id/unpublish", { preHandler: requirePermission(deps, "article.publish.own") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { note } = parseInput(noteBody, req.body);
    return changing(articleId, (c) => unpublish(c, actor(req), articleId, note));
  });

  api.post("/articles/:id/notes", { preHandler: requirePermission(deps, "article.correct") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const { kind, text } = parseInput(correctionBody, req.body);
    return changing(articleId, (c) => addNote(c, actor(req), articleId, kind, text));
  });

  api.post("/articles/:id/preview-link", { preHandler: requirePermission(deps, "article.create") }, async (req) => {
    const { id: articleId } = parseInput(idParams, req.params, "params");
    const row = await viewable(req, articleId);
    if (row.status === "published")
      throw new AppError("CONFLICT", "The article is published: share its address instead");
    // A link would show again what an editor took down: only those who may publish it make one.
    if (row.status === "unpublished" && !(await mayAccessArticle(db, currentUser(req), row, "publish")))
      throw new AppError("FORBIDDEN", "This article has been taken down; ask an editor");
    const { token, expiresAt } = previewToken(await deps.signer(), articleId, row.preview_nonce, deps.now());
    return { url: `${deps.config.siteUrl}/preview/${token}`, expiresAt: expiresAt.toISOString() };
  });

  api.get("/review-queue", { preHandler: requirePermission(deps, "article.review") }, async (req) => {
    const filter = parseInput(queueQuery, req.query, "query");
    return { items: await listItems(db, await reviewQueue(db, filter)) };
  });
};
