import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import {
  type Actor,
  type LiveWriteDeps,
  editEntry,
  liveAccess,
  postEntry,
  removeEntry,
  setLive,
} from "./live-entries.js";
import { findLiveDraft, saveLiveDraft } from "./live-drafts.queries.js";
import { type LiveEntry, findLiveBlog, listChangesSince, listNewsroomEntries } from "./live.queries.js";
import { assertArticleAccess } from "../newsroom/articles/article-access.js";
import { findArticleRow } from "../newsroom/articles/article-draft.js";

// The newsroom's live blog API, under /api/newsroom (docs/adr/028). Same roles as editing the
// article; see live-entries.ts for who posts straight to readers and who posts to review.

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const articleParams = z.strictObject({ id });
export const entryParams = z.strictObject({ id, entryId: id });
const title = z.string().trim().max(200, "Keep the title under 200 characters");
export const entryBody = z.strictObject({
  body: z.unknown().refine((v) => v !== undefined, "The entry's document is required"),
  title: title.optional(),
  keyEvent: z.boolean().optional(),
  pinned: z.boolean().optional(),
});
export const entryPatch = z.strictObject({
  body: z.unknown().optional(),
  title: title.optional(),
  keyEvent: z.boolean().optional(),
  pinned: z.boolean().optional(),
  publish: z.literal(true).optional(),
});
export const liveBody = z.strictObject({ status: z.enum(["open", "closed"]).nullable() });
export const changesQuery = z.strictObject({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});
export const draftBody = z.strictObject({ title: z.string().max(200), body: z.unknown() });

/** An entry as the newsroom sees it (readers get rendered HTML instead). */
export function entryJson(e: LiveEntry) {
  return {
    id: e.id,
    title: e.title,
    body: e.body,
    status: e.status,
    pinned: e.pinned,
    keyEvent: e.keyEvent,
    authorId: e.authorId,
    authorName: e.authorName,
    rev: e.rev,
    postedAt: e.postedAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    editedAt: e.editedAt?.toISOString() ?? null,
    deleted: e.deletedAt !== null,
  };
}
export type LiveEntryJson = ReturnType<typeof entryJson>;

export function liveApi(announce: LiveWriteDeps["announce"]): NewsroomRoutes {
  return (api, deps) => {
    const { db } = deps;
    const writeDeps: LiveWriteDeps = { db, now: deps.now, pages: deps.pages, announce };
    const actor = (req: FastifyRequest): Actor => ({ user: currentUser(req), ip: req.ip });
    const guard = { preHandler: requirePermission(deps, "article.edit.own") };

    // The live blog in the newsroom: its state, every entry (those in review too), the user's draft.
    api.get("/articles/:id/live", guard, async (req) => {
      const { id: articleId } = parseInput(articleParams, req.params, "params");
      const user = currentUser(req);
      await assertArticleAccess(db, user, await findArticleRow(db, articleId), "edit");
      const blog = await findLiveBlog(db, articleId);
      if (!blog) return { live: null, entries: [], draft: null, publishes: false };
      const { publishes } = await liveAccess(db, user, articleId);
      return {
        live: { status: blog.status, startedAt: blog.startedAt, endedAt: blog.endedAt, rev: blog.rev },
        entries: (await listNewsroomEntries(db, articleId)).map(entryJson),
        draft: await findLiveDraft(db, articleId, user.id),
        publishes,
      };
    });

    api.put("/articles/:id/live", guard, async (req) => {
      const { id: articleId } = parseInput(articleParams, req.params, "params");
      const { status } = parseInput(liveBody, req.body);
      await setLive(writeDeps, actor(req), articleId, status);
      const blog = await findLiveBlog(db, articleId);
      return {
        live: blog ? { status: blog.status, startedAt: blog.startedAt, endedAt: blog.endedAt, rev: blog.rev } : null,
      };
    });

    // Others' entries as they land: every change after the rev the newsroom view has.
    api.get("/articles/:id/live-entries", guard, async (req) => {
      const { id: articleId } = parseInput(articleParams, req.params, "params");
      const { after } = parseInput(changesQuery, req.query, "query");
      const { blog } = await liveAccess(db, currentUser(req), articleId);
      return {
        rev: blog.rev,
        status: blog.status,
        changes: (await listChangesSince(db, articleId, after)).map(entryJson),
      };
    });

    api.post("/articles/:id/live-entries", guard, async (req, reply) => {
      const { id: articleId } = parseInput(articleParams, req.params, "params");
      const input = parseInput(entryBody, req.body);
      const entry = await postEntry(writeDeps, actor(req), articleId, input);
      return reply.status(201).send(entryJson(entry));
    });

    api.put("/articles/:id/live-entries/:entryId", guard, async (req) => {
      const { id: articleId, entryId } = parseInput(entryParams, req.params, "params");
      const input = parseInput(entryPatch, req.body);
      return entryJson(await editEntry(writeDeps, actor(req), articleId, entryId, input));
    });

    api.delete("/articles/:id/live-entries/:entryId", guard, async (req, reply) => {
      const { id: articleId, entryId } = parseInput(entryParams, req.params, "params");
      await removeEntry(writeDeps, actor(req), articleId, entryId);
      return reply.status(204).send();
    });

    // Autosave of the entry being written: one per journalist, gone once posted.
    api.put("/articles/:id/live-draft", guard, async (req, reply) => {
      const { id: articleId } = parseInput(articleParams, req.params, "params");
      const draft = parseInput(draftBody, req.body);
      await liveAccess(db, currentUser(req), articleId);
      await saveLiveDraft(db, articleId, currentUser(req).id, draft, deps.now());
      return reply.status(204).send();
    });
  };
}
