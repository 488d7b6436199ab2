import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { reindexArticles } from "../../discovery/discovery-index.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { pageTags } from "../../pages/page-tags.js";
import { topicMergeTags } from "./manage-changes.js";

// Topics (the tags table): found as one types, created once per slug, merged into another.

export const tagBody = z.strictObject({ name: z.string().trim().min(1, "Name the topic").max(60) });
export const tagQuery = z.strictObject({ q: z.string().trim().max(60).optional() });
export const mergeBody = z.strictObject({ fromId: z.number().int().positive(), intoId: z.number().int().positive() });

export const registerTopicRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.get("/tags", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const { q } = parseInput(tagQuery, req.query, "query");
    let query = db
      .selectFrom("tags as t")
      .select(["t.id", "t.name", "t.slug"])
      .select((eb) =>
        eb
          .selectFrom("article_tags as at")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("at.tag_id", "=", "t.id")
          .as("articles"),
      )
      .orderBy("t.name")
      .limit(q ? 20 : 500);
    if (q)
      query = query.where((eb) =>
        eb(eb.fn("lower", ["t.name"]), "like", `%${q.toLowerCase().replace(/[\\%_]/g, "")}%`),
      );
    return { items: (await query.execute()).map((t) => ({ ...t, articles: Number(t.articles ?? 0) })) };
  });

  api.post("/tags", { preHandler: requirePermission(deps, "tag.create") }, async (req, reply) => {
    const { name } = parseInput(tagBody, req.body);
    const slug = slugify(name);
    if (!slug) throw new AppError("VALIDATION_FAILED", "name: A topic needs letters or digits");
    // Creating a topic that exists (same slug) returns it: typing "Housing" twice makes one topic.
    const existing = await db
      .selectFrom("tags")
      .select(["id", "name", "slug"])
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (existing) return reply.status(200).send(existing);
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("tags")
        .values({ slug, name })
        .returning(["id", "name", "slug"])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "tag.created",
        subjectType: "tag",
        subjectId: created.id,
        detail: { name },
      });
      return created;
    });
    await deps.pages.invalidate([pageTags.sitemaps]);
    return reply.status(201).send(row);
  });

  api.post("/tags/merge", { preHandler: requirePermission(deps, "tag.manage") }, async (req) => {
    const { fromId, intoId } = parseInput(mergeBody, req.body);
    if (fromId === intoId) throw new AppError("VALIDATION_FAILED", "Choose two different topics");
    const { merged, tags } = await db.transaction().execute(async (trx) => {
      const [from, into] = await Promise.all([
        trx.selectFrom("tags").selectAll().where("id", "=", fromId).executeTakeFirst(),
        trx.selectFrom("tags").selectAll().where("id", "=", intoId).executeTakeFirst(),
      ]);
      if (!from || !into) throw new AppError("NOT_FOUND", "No such topic");
      const tagged = await trx.selectFrom("article_tags").select("article_id").where("tag_id", "=", fromId).execute();
      const ids = tagged.map((t) => t.article_id);
      if (ids.length) {
        // Articles that already carry both keep one link.
        await trx.deleteFrom("article_tags").where("tag_id", "=", fromId).where("article_id", "in", ids).execute();
        const already = new Set(
          (
            await trx
              .selectFrom("article_tags")
              .select("article_id")
              .where("tag_id", "=", intoId)
              .where("article_id", "in", ids)
              .execute()
          ).map((r) => r.article_id),
        );
        const add = ids.filter((a) => !already.has(a));
        if (add.length)
          await trx
            .insertInto("article_tags")
            .values(add.map((article_id) => ({ article_id, tag_id: intoId })))
            .execute();
      }
      // A newsletter about the merged topic follows it rather than widening to every section.
      await trx.updateTable("newsletters").set({ tag_id: intoId }).where("tag_id", "=", fromId).execute();
      await trx.deleteFrom("tags").where("id", "=", fromId).execute();
      // Topics weigh in search and related lists: bring the merged articles up to date.
      if (ids.length) await reindexArticles(trx, ids, { cascade: false });
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "tag.merged",
        subjectType: "tag",
        subjectId: intoId,
        detail: { from: { id: from.id, name: from.name, slug: from.slug }, articles: ids.length },
      });
      return {
        merged: { id: into.id, name: into.name, slug: into.slug, articles: ids.length },
        // The merged stories' pages carry the old topic's tag; their related lists are theirs.
        tags: topicMergeTags(from, into),
      };
    });
    await deps.pages.invalidate(tags);
    return merged;
  });
};
