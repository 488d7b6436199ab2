import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditFrom, recordAudit } from "../platform/admin/audit.js";
import { currentUser, requirePermission } from "../platform/admin/guard.js";
import type { NewsroomDeps } from "../platform/admin/newsroom-deps.js";
import { assertMayChangeVideo } from "../newsroom/live-material.js";
import { parseInput } from "../platform/http/parse-input.js";
import { AppError } from "../platform/errors.js";
import { getVideoItem, syncCaptionList } from "./video-admin.js";
import { parseWebVtt } from "./webvtt.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const captionQuery = z.object({
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en or pt-BR"),
  label: z.string().trim().min(1).max(60),
});
const captionParams = idParams.extend({ lang: captionQuery.shape.lang });

/** Captions per language (WebVTT, checked line by line), inside the video scope of video.api.ts. */
export function registerVideoCaptionRoutes(scope: FastifyInstance, deps: NewsroomDeps): void {
  scope.post("/videos/:id/captions", { preHandler: requirePermission(deps, "video.edit.own") }, async (req, reply) => {
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
  });

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
}
