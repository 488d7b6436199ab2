import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { pageTags } from "../../pages/page-tags.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import { changeArticle } from "../articles/article-changes.js";
import { mayAccessArticle } from "../articles/article-access.js";
import type { WorkflowContext } from "../articles/workflow.js";
import { assertMayChangeImage, assertMayChangeVideo } from "../live-material.js";
import { mediaReferences, refuseInUse, sectionReferences, videoReferences } from "../manage/references.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { allows } from "../../platform/admin/permissions.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { TRASH_DAYS, restoreArticle, trashArticle } from "./article-trash.js";

// The trash (docs/adr/025): delete and restore articles, images and videos; the list of what is
// in the trash and when it goes for good; deleting an empty section.

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const purgeAt = (trashedAt: string) => new Date(Date.parse(trashedAt) + TRASH_DAYS * 86_400_000).toISOString();

export const registerTrashRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const actor = (req: FastifyRequest) => ({ user: currentUser(req), ip: req.ip });
  const ctx = (): WorkflowContext => ({ db, now: deps.now(), timeZone: deps.config.timeZone });

  // Articles ------------------------------------------------------------------------------
  api.post("/articles/:id/trash", { preHandler: requirePermission(deps, "article.delete") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    return changeArticle(deps, id, () => trashArticle(ctx(), actor(req), id));
  });

  api.post("/articles/:id/restore", { preHandler: requirePermission(deps, "article.restore") }, async (req) => {
    const { id } = parseInput(idParams, req.params, "params");
    return changeArticle(deps, id, () => restoreArticle(ctx(), actor(req), id));
  });

  // Images and videos ---------------------------------------------------------------------
  const setTrashed = async (
    req: FastifyRequest,
    table: "media" | "videos",
    id: number,
    trashed: boolean,
    check: (trx: Db) => Promise<void>,
  ) => {
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom(table).select("trashed_at").where("id", "=", id).executeTakeFirst();
      const what = table === "media" ? "image" : "video";
      if (!row) throw new AppError("NOT_FOUND", `No such ${what}`);
      if ((row.trashed_at !== null) === trashed)
        throw new AppError(
          "CONFLICT",
          trashed ? `This ${what} is in the trash already` : `This ${what} is not in the trash`,
        );
      await check(trx);
      await trx
        .updateTable(table)
        .set({
          trashed_at: trashed ? now.toISOString() : null,
          trashed_by: trashed ? currentUser(req).id : null,
          // A video in the trash is off the site; restored, it waits to be published again.
          ...(table === "videos" && trashed ? { published: 0, featured: 0 } : {}),
        })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, now, {
        userId: currentUser(req).id,
        ip: req.ip,
        action: `${table === "media" ? "media" : "video"}.${trashed ? "trashed" : "restored"}`,
        subjectType: table === "media" ? "media" : "video",
        subjectId: id,
      });
    });
  };

  api.delete("/media/:id", { preHandler: requirePermission(deps, "media.delete") }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    await setTrashed(req, "media", id, true, async (trx) => {
      await assertMayChangeImage(trx, currentUser(req), id);
      refuseInUse("This image", await mediaReferences(trx, id));
    });
    await deps.trashedMedia?.changed();
    await deps.pages.invalidate([pageTags.media(id)]);
    return reply.status(204).send();
  });

  api.post("/media/:id/restore", { preHandler: requirePermission(deps, "media.delete") }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    await setTrashed(req, "media", id, false, (trx) => assertMayChangeImage(trx, currentUser(req), id));
    await deps.trashedMedia?.changed();
    return reply.status(204).send();
  });

  api.delete("/videos/:id", { preHandler: requirePermission(deps, "video.delete") }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    await setTrashed(req, "videos", id, true, async (trx) => {
      await assertMayChangeVideo(trx, currentUser(req), id);
      refuseInUse("This video", await videoReferences(trx, id));
    });
    await deps.pages.invalidate([pageTags.video(id), pageTags.videos]);
    return reply.status(204).send();
  });

  api.post("/videos/:id/restore", { preHandler: requirePermission(deps, "video.delete") }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    await setTrashed(req, "videos", id, false, (trx) => assertMayChangeVideo(trx, currentUser(req), id));
    return reply.status(204).send();
  });

  // What is in the trash ------------------------------------------------------------------
  api.get("/trash", { preHandler: requirePermission(deps, "article.create") }, async (req) => {
    const user = currentUser(req);
    const [articles, media, videos] = await Promise.all([
      db
        .selectFrom("articles as a")
        .leftJoin("users as u", "u.id", "a.trashed_by")
        .select(["a.id", "a.headline", "a.created_by", "a.trashed_at", "a.trashed_from", "u.name"])
        .where("a.status", "=", "trashed")
        .orderBy("a.trashed_at", "desc")
        .limit(500)
        .execute(),
      db
        .selectFrom("media as m")
        .leftJoin("users as u", "u.id", "m.trashed_by")
        .select(["m.id", "m.alt", "m.original_filename", "m.uploaded_by", "m.trashed_at", "u.name"])
        .where("m.trashed_at", "is not", null)
        .orderBy("m.trashed_at", "desc")
        .limit(500)
        .execute(),
      db
        .selectFrom("videos as v")
        .leftJoin("users as u", "u.id", "v.trashed_by")
        .select(["v.id", "v.title", "v.uploaded_by", "v.trashed_at", "u.name"])
        .where("v.trashed_at", "is not", null)
        .orderBy("v.trashed_at", "desc")
        .limit(500)
        .execute(),
    ]);
    // Each person sees what they may restore.
    const mine: typeof articles = [];
    for (const a of articles)
      if (await mayAccessArticle(db, user, { id: a.id, created_by: a.created_by }, "edit")) mine.push(a);
    const item = (kind: string, id: number, title: string, by: string | null, at: string, extra = {}) => ({
      kind,
      id,
      title,
      trashedBy: by,
      trashedAt: at,
      purgeAt: purgeAt(at),
      ...extra,
    });
    return {
      items: [
        ...mine.map((a) =>
          item("article", a.id, a.headline || "Untitled", a.name, a.trashed_at!, { from: a.trashed_from }),
        ),
        ...media
          .filter((m) => allows(user, "media.edit.any") || m.uploaded_by === user.id)
          .map((m) => item("image", m.id, m.alt || m.original_filename || `Image ${m.id}`, m.name, m.trashed_at!)),
        ...videos
          .filter((v) => allows(user, "video.edit.any") || v.uploaded_by === user.id)
          .map((v) => item("video", v.id, v.title || `Video ${v.id}`, v.name, v.trashed_at!)),
      ].sort((x, y) => y.trashedAt.localeCompare(x.trashedAt)),
    };
  });

  // Sections: an empty one may go ----------------------------------------------------------
  api.delete("/sections/:id", { preHandler: requirePermission(deps, "section.manage") }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, "params");
    const removed = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("sections").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw new AppError("NOT_FOUND", "No such section");
      refuseInUse(`The section ${row.name}`, await sectionReferences(trx, id));
      await trx.deleteFrom("sections").where("id", "=", id).execute();
      await recordAudit(trx, deps.now(), {
        userId: currentUser(req).id,
        ip: req.ip,
        action: "section.deleted",
        subjectType: "section",
        subjectId: id,
        detail: { name: row.name, slug: row.slug },
      });
      return row;
    });
    await deps.pages.invalidate([pageTags.sectionList(removed.slug), pageTags.sitemaps]);
    return reply.status(204).send();
  });
};
