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
import { videoCapabilities } from "./processing/video-tools.js";
import { parseContentRange } from "./upload/content-range.js";
import { VIDEO_PROCESS_JOB, createUpload, findUpload, receiveChunk } from "./upload/video-upload.js";
import { getVideoItem, listVideoItems, syncCaptionList, tagIdsFor } from "./video-admin.js";
import { MAX_POSTER_BYTES, storePosterImage } from "./poster-upload.js";
import { MAX_VTT_BYTES, parseWebVtt } from "./webvtt.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const uploadParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, "not an upload id") });
const createUploadBody = z.object({
  filename: z.string().trim().min(1).max(255),
  title: z.string().trim().min(1).max(200).optional(),
  totalBytes: z.number().int().min(0).optional(),
});
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
const captionQuery = z.object({
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en or pt-BR"),
  label: z.string().trim().min(1).max(60),
});
const captionParams = idParams.extend({ lang: captionQuery.shape.lang });

/** Newsroom video endpoints (src/videos/README.md) on the /api/newsroom scope. */
export async function videoRoutes(api: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const tools = { ffmpegPath: deps.config.ffmpegPath, ffprobePath: deps.config.ffprobePath };
  const uploadDeps = {
    db: deps.db,
    storage: deps.storage,
    tools,
    maxBytes: deps.config.videoMaxBytes,
    now: deps.now,
  };

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

    scope.get("/videos/capabilities", { preHandler: requirePermission(deps, "video.upload") }, async () => {
      const caps = await videoCapabilities(tools);
      const unavailable: string[] = [];
      if (!caps.ffprobe) unavailable.push("checking uploads by their content (only MP4 files are taken)");
      if (!caps.ffmpeg)
        unavailable.push("processing: web-optimised MP4, HLS renditions, poster frames (MP4 is published as uploaded)");
      return {
        ...caps,
        maxBytes: deps.config.videoMaxBytes,
        formats: caps.ffmpeg ? ["mp4", "webm", "mov"] : ["mp4"],
        unavailable,
      };
    });

    scope.post("/videos/uploads", { preHandler: requirePermission(deps, "video.upload") }, async (req, reply) => {
      const body = parseInput(createUploadBody, req.body);
      const user = currentUser(req);
      const title = body.title ?? body.filename.replace(/\.[a-z0-9]{1,5}$/i, "");
      const upload = await createUpload(uploadDeps, { ...body, title, userId: user.id });
      const location = `/api/newsroom/videos/uploads/${upload.id}`;
      return reply
        .status(201)
        .header("location", location)
        .send({ ...upload, location });
    });

    const uploadOf = async (req: FastifyRequest) => {
      const { id } = parseInput(uploadParams, req.params, "id");
      const upload = await findUpload(deps.db, id);
      if (!upload) throw new AppError("NOT_FOUND", "No such upload");
      return upload;
    };

    // GET (and HEAD) tell the client how many bytes are stored, so it resumes from there.
    scope.get("/videos/uploads/:id", { preHandler: requirePermission(deps, "video.upload") }, async (req, reply) => {
      const upload = await uploadOf(req);
      reply.header("upload-offset", String(upload.received));
      if (upload.received > 0) reply.header("range", `bytes=0-${upload.received - 1}`);
      return upload;
    });

    scope.put("/videos/uploads/:id", { preHandler: requirePermission(deps, "video.upload") }, async (req, reply) => {
      const { id } = parseInput(uploadParams, req.params, "id");
      const header = req.headers["content-range"];
      const range = header === undefined ? undefined : parseContentRange(header);
      if (header !== undefined && !range) {
        throw new AppError(
          "BAD_REQUEST",
          "Content-Range must look like: bytes 0-1048575/52428800 (or …/* when unknown)",
        );
      }
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== "function") {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file's bytes as application/octet-stream");
      }
      const user = currentUser(req);
      const { upload, videoId } = await receiveChunk(uploadDeps, id, range, body, user.id);
      reply.header("upload-offset", String(upload.received));
      if (videoId === null) return upload;
      await recordAudit(deps.db, deps.now(), {
        ...auditFrom(req),
        action: "video.upload",
        subjectType: "video",
        subjectId: videoId,
        detail: { filename: upload.filename, bytes: upload.received },
      });
      return reply.status(201).send({ ...upload, video: await getVideoItem(deps.db, videoId) });
    });

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

    scope.post(
      "/videos/:id/captions",
      { preHandler: requirePermission(deps, "video.edit.own") },
      async (req, reply) => {
        const { id } = parseInput(idParams, req.params, "id");
        const { lang, label } = parseInput(captionQuery, req.query, "query");
        await assertMayChangeVideo(deps.db, currentUser(req), id);
        if (!Buffer.isBuffer(req.body)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the captions as text/vtt");
        await getVideoItem(deps.db, id);
        const parsed = parseWebVtt(req.body);
        if (!parsed.ok) {
          throw new AppError(
            "VALIDATION_FAILED",
            `The WebVTT file has ${parsed.errors.length} problem(s): ${parsed.errors
              .slice(0, 3)
              .map((e) => `line ${e.line}: ${e.message}`)
              .join("; ")}`,
            { details: parsed.errors.map((e) => ({ path: `line ${e.line}`, line: e.line, message: e.message })) },
          );
        }
        const key = `videos/${id}/captions/${lang.toLowerCase()}-${deps.now().getTime()}.vtt`;
        await deps.storage.write(key, req.body);
        const old = await deps.db.transaction().execute(async (trx) => {
          const previous = await trx
            .selectFrom("video_captions")
            .select("storage_key")
            .where("video_id", "=", id)
            .where("lang", "=", lang)
            .executeTakeFirst();
          await trx.deleteFrom("video_captions").where("video_id", "=", id).where("lang", "=", lang).execute();
          await trx
            .insertInto("video_captions")
            .values({
              video_id: id,
              lang,
              label,
              storage_key: key,
              cue_count: parsed.cues.length,
              created_at: deps.now().toISOString(),
            })
            .execute();
          await syncCaptionList(trx, id);
          await recordAudit(trx, deps.now(), {
            ...auditFrom(req),
            action: "video.captions.upload",
            subjectType: "video",
            subjectId: id,
            detail: { lang, cues: parsed.cues.length },
          });
          return previous?.storage_key;
        });
        if (old) await deps.storage.remove(old);
        return reply.status(201).send(await getVideoItem(deps.db, id));
      },
    );

    scope.delete(
      "/videos/:id/captions/:lang",
      { preHandler: requirePermission(deps, "video.edit.own") },
      async (req, reply) => {
        const { id, lang } = parseInput(captionParams, req.params, "params");
        await assertMayChangeVideo(deps.db, currentUser(req), id);
        const removed = await deps.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom("video_captions")
            .select("storage_key")
            .where("video_id", "=", id)
            .where("lang", "=", lang)
            .executeTakeFirst();
          if (!row) throw new AppError("NOT_FOUND", "No captions in that language");
          await trx.deleteFrom("video_captions").where("video_id", "=", id).where("lang", "=", lang).execute();
          await syncCaptionList(trx, id);
          await recordAudit(trx, deps.now(), {
            ...auditFrom(req),
            action: "video.captions.delete",
            subjectType: "video",
            subjectId: id,
            detail: { lang },
          });
          return row.storage_key;
        });
        await deps.storage.remove(removed);
        return reply.status(204).send();
      },
    );
  });
}
