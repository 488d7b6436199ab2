import os from "node:os";
import path from "node:path";
import multipart from "@fastify/multipart";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import { assertMayChangeImage } from "../newsroom/live-material.js";
import type { NewsroomRoutes } from "../platform/admin/json-api.js";
import { parseInput } from "../platform/http/parse-input.js";
import { pageTags } from "../pages/page-tags.js";
import { AppError } from "../platform/errors.js";
import { MAX_UPLOAD_BYTES } from "./image-pipeline.js";
import { IncomingUploads } from "./incoming-uploads.js";
import { editMedia } from "./media-edit.js";
import { toMediaItem } from "./media-item.js";
import { listMedia, mediaListQuery } from "./media-library.js";
import { uploadMedia } from "./media-upload.js";
import { findMediaEntry } from "./media.queries.js";
import { mediaEdit, mediaIdParams } from "./media.schemas.js";
import { workSlots } from "./work-slots.js";

/**
 * The media library under /api/newsroom: upload (multipart), list and search, read, describe and
 * re-crop. Reading the library asks for "content.read" (everyone in the newsroom; an integration by scope).
 */
export const mediaRoutes: NewsroomRoutes = async (api, deps) => {
  const incoming = new IncomingUploads(path.join(deps.config.dataDir, "tmp", "uploads"));
  // File times are the machine's, so the sweep reads the machine's clock, not the injected one.
  void incoming
    .sweep(new Date())
    .then((n) => n > 0 && api.log.info({ removed: n }, "removed abandoned uploads"))
    .catch((err: unknown) => api.log.warn({ err }, "could not sweep abandoned uploads"));
  // libvips already spreads one image over every core: more than one at a time per two cores only adds memory.
  const ctx = { deps, incoming, slot: workSlots(Math.max(1, Math.floor(os.availableParallelism() / 2))) };

  // Multipart is parsed only on these routes: registered in this child scope, not on the app.
  // Two files pass busboy so that a second one meets the handler's clear 400, not "files limit".
  await api.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 8, fieldSize: 8 * 1024, parts: 10, headerPairs: 100 },
    });

    scope.post("/media", { preHandler: requirePermission(deps, "media.upload") }, (req, reply) =>
      uploadMedia(ctx, req, reply),
    );

    scope.get("/media", { preHandler: requirePermission(deps, "content.read") }, async (req) =>
      listMedia(deps.db, parseInput(mediaListQuery, req.query, "query")),
    );

    scope.get("/media/:id", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
      const { id } = parseInput(mediaIdParams, req.params, "params");
      const row = await findMediaEntry(deps.db, id);
      if (!row) throw new AppError("NOT_FOUND", "No such image");
      return toMediaItem(row);
    });

    scope.patch("/media/:id", { preHandler: requirePermission(deps, "media.edit.own") }, async (req) => {
      const { id } = parseInput(mediaIdParams, req.params, "params");
      await assertMayChangeImage(deps.db, currentUser(req), id);
      const edited = await editMedia(deps, req, id, parseInput(mediaEdit, req.body));
      // Its alt text, caption, credit and crops show wherever it is used.
      await deps.pages.invalidate([pageTags.media(id)]);
      return edited;
    });
  });
};
