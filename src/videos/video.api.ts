import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditFrom, recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { assertMayChangeVideo } from "../newsroom/live-material.js";
import { allows } from "../platform/admin/permissions.js";
import { parseInput } from "../platform/http/parse-input.js";
import { pageTags } from "../pages/page-tags.js";
import { AppError } from "../platform/errors.js";
import { enqueue } from "../platform/jobs/job.queries.js";
import { VIDEO_PROCESS_JOB } from "./upload/video-upload.js";
import { getVideoItem, listVideoItems, tagIdsFor } from "./video-admin.js";
import { MAX_POSTER_BYTES, storePosterImage } from "./poster-upload.js";
import { MAX_VTT_BYTES } from "./webvtt.js";
import { registerVideoCaptionRoutes } from "./video-captions.api.js";
import { registerVideoUploadRoutes } from "./video-uploads.api.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = z.object({
  status: z.enum(["uploaded", "processing", "ready", "failed"]).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
const patchBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000),
    sectionId: z.number().int().positive().nullable(),
    tags: z.array(z.string().trim().min(1).max(80)).max(20),
    posterTime: z.number().min(0).max(86_400).nullable(),
    featured: z.boolean(),
    published: z.boolean(),
  })
  .partial()
  .strict();

/** Newsroom video endpoints (src/videos/README.md) on the /api/newsroom scope. */
export async function videoRoutes(api: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  // In a scope of their own, so raw bodies are taken only by these routes.
  await api.register(async (scope) => {
    // Every write to one video (its fields, poster, captions) drops the pages showing it before it
    // answers; publishing or featuring one also changes the video section and the sitemaps.
    scope.addHook("onSend", async (req, reply, payload) => {
      const id = Number((req.params as { id?: string }).id);
      if (req.method === "GET" || req.method === "HEAD" || reply.statusCode >= 400 || !Number.isInteger(id)) {
        return payload;
      }
      const body = (req.body ?? {}) as { published?: unknown; featured?: unknown };
      const listed = req.method === "PATCH" && (body.published !== undefined || body.featured !== undefined);
      await deps.pages.invalidate([pageTags.video(id), ...(listed ? [pageTags.videos] : [])]);
      return payload;
    });
    // Upload chunks pass through as a stream: never parsed, never held whole in memory.
    for (const type of ["application/octet-stream", /^video\//]) {
      scope.addContentTypeParser(
        type,
        (_req: FastifyRequest, payload: Readable, done: (err: null, body: Readable) => void) => done(null, payload),
      );
    }
    scope.addContentTypeParser("text/vtt", { parseAs: "buffer", bodyLimit: MAX_VTT_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    scope.addContentTypeParser(
      ["image/jpeg", "image/png", "image/webp"],
      { parseAs: "buffer", bodyLimit: MAX_POSTER_BYTES },
      (_req, body, done) => done(null, body),
    );

    scope.post("/videos/:id/poster", { preHandler: requirePermission(deps, "video.edit.own") }, async (req, reply) => {
      const { id } = parseInput(idParams, req.params, "id");
      await assertMayChangeVideo(deps.db, currentUser(req), id);
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the poster as image/jpeg, image/png or image/webp");
      }
      const video = await getVideoItem(deps.db, id);
      const mediaId = await storePosterImage(deps, video, req.body);
      await recordAudit(deps.db, deps.now(), {
        ...auditFrom(req),
        action: "video.poster.upload",
        subjectType: "video",
        subjectId: id,
        detail: { mediaId },
      });
      return reply.status(201).send(await getVideoItem(deps.db, id));
    });

    registerVideoUploadRoutes(scope, deps);

    // Reading the library is part of choosing a video, so it asks for "video.upload" (as media does).
    scope.get("/videos", { preHandler: requirePermission(deps, "video.upload") }, async (req) => {
      const q = parseInput(listQuery, req.query, "query");
      return listVideoItems(deps.db, { status: q.status, beforeId: q.cursor, limit: q.limit });
    });

    scope.get("/videos/:id", { preHandler: requirePermission(deps, "video.upload") }, async (req) => {
      const { id } = parseInput(idParams, req.params, "id");
      return getVideoItem(deps.db, id);
    });

    scope.patch("/videos/:id", { preHandler: requirePermission(deps, "video.edit.own") }, async (req) => {
      const { id } = parseInput(idParams, req.params, "id");
      const body = parseInput(patchBody, req.body);
      const user = currentUser(req);
      await assertMayChangeVideo(deps.db, user, id);
      if ((body.published !== undefined || body.featured !== undefined) && !allows(user, "video.publish")) {
        throw new AppError("FORBIDDEN", `Your role (${user.role}) may not publish or feature videos (video.publish)`);
      }
      const before = await getVideoItem(deps.db, id);
      if (body.published && before.status !== "ready") {
        throw new AppError("NOT_READY", `The video is ${before.status}: publish it once it is ready`);
      }
      await deps.db.transaction().execute(async (trx) => {
        const now = deps.now().toISOString();
        if (body.sectionId) {
          const section = await trx
            .selectFrom("sections")
            .select("id")
            .where("id", "=", body.sectionId)
            .executeTakeFirst();
          if (!section)
            throw new AppError("VALIDATION_FAILED", "sectionId: no such section", {
              details: [{ path: "sectionId", message: "no such section" }],
            });
        }
        const posterChanged = body.posterTime !== undefined && body.posterTime !== before.posterTime;
        await trx
          .updateTable("videos")
          .set({
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.sectionId !== undefined ? { section_id: body.sectionId } : {}),
            ...(body.featured !== undefined ? { featured: body.featured ? 1 : 0 } : {}),
            ...(body.published !== undefined ? { published: body.published ? 1 : 0 } : {}),
            ...(body.published && !before.published ? { published_at: now } : {}),
            ...(posterChanged ? { poster_time: body.posterTime, poster_media_id: null } : {}),
            updated_at: now,
          })
          .where("id", "=", id)
          .execute();
        if (body.tags !== undefined) {
          const tagIds = await tagIdsFor(trx, body.tags);
          await trx.deleteFrom("video_tags").where("video_id", "=", id).execute();
          if (tagIds.length > 0)
            await trx
              .insertInto("video_tags")
              .values(tagIds.map((tag_id) => ({ video_id: id, tag_id })))
              .execute();
        }
        // A new poster time makes a new poster frame: processing keeps what is done and makes only that.
        if (posterChanged) {
          await enqueue(
            trx,
            VIDEO_PROCESS_JOB,
            { videoId: id },
            { key: `${VIDEO_PROCESS_JOB}:${id}:poster:${now}`, maxAttempts: 3, now: deps.now() },
          );
        }
        await recordAudit(trx, deps.now(), {
          ...auditFrom(req),
          action: "video.update",
          subjectType: "video",
          subjectId: id,
          detail: { fields: Object.keys(body) },
        });
      });
      return getVideoItem(deps.db, id);
    });

    registerVideoCaptionRoutes(scope, deps);
  });
}
