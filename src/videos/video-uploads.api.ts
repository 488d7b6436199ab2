import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditFrom, recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { videoCapabilities } from "./processing/video-tools.js";
import { parseContentRange } from "./upload/content-range.js";
import { createUpload, findUpload, receiveChunk } from "./upload/video-upload.js";
import { getVideoItem } from "./video-admin.js";

const uploadParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, "not an upload id") });
const createUploadBody = z.object({
  filename: z.string().trim().min(1).max(255),
  title: z.string().trim().min(1).max(200).optional(),
  totalBytes: z.number().int().min(0).optional(),
});

/**
 * Resumable uploads (src/videos/README.md): what this machine can take, a new upload, and its
 * chunks; registered inside the video scope of video.api.ts, which streams their raw bodies.
 */
export function registerVideoUploadRoutes(scope: FastifyInstance, deps: NewsroomDeps): void {
  const tools = { ffmpegPath: deps.config.ffmpegPath, ffprobePath: deps.config.ffprobePath };
  const uploadDeps = {
    db: deps.db,
    storage: deps.storage,
    tools,
    maxBytes: deps.config.videoMaxBytes,
    now: deps.now,
  };

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
      throw new AppError("BAD_REQUEST", "Content-Range must look like: bytes 0-1048575/52428800 (or …/* when unknown)");
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
}
