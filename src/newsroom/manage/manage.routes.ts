import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../database.js";
import { reindexArticles } from "../../discovery/discovery-index.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { pageTags } from "../../pages/page-tags.js";
import { sectionChangeTags, topicMergeTags } from "./manage-changes.js";

// Managing the paper: sections, topics (tags), author profiles, the front page, the audit log.

/** Top-level paths the site uses itself: a section may never take one. */
export const RESERVED_SLUGS = new Set([
  "tags",
  "authors",
  "morning-headlines",
  "newsletters",
  "search",
  "assets",
  "media",
  "api",
  "newsroom",
  "healthz",
  "livez",
  "robots-txt",
  "sitemap-xml",
  "sitemaps",
  "feeds",
  "feed",
  "preview",
  "video",
  "videos",
  "openapi-json",
]);

const id = z.coerce.number().int().positive();
export const idParams = z.strictObject({ id });
const slugField = z
  .string()
  .max(200)
  .transform((s) => slugify(s))
  .refine((s) => s.length > 0, "A slug needs letters or digits (a-z, 0-9)");
export const sectionBody = z.strictObject({
  name: z.string().trim().min(1, "Name the section").max(60),
  slug: slugField.optional(),
  description: z.string().trim().max(300).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const tagBody = z.strictObject({ name: z.string().trim().min(1, "Name the topic").max(60) });
export const tagQuery = z.strictObject({ q: z.string().trim().max(60).optional() });
export const mergeBody = z.strictObject({ fromId: z.number().int().positive(), intoId: z.number().int().positive() });
export const frontBody = z.strictObject({
  leadId: z.number().int().positive().nullable(),
  topIds: z.array(z.number().int().positive()).max(12, "At most 12 top stories"),
});
export const auditQuery = z.strictObject({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(100).optional(),
  userId: id.optional(),
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export async function uniqueSlug(db: Db, table: "sections" | "tags" | "authors", wanted: string, selfId?: number) {
  const taken = await db.selectFrom(table).select("id").where("slug", "=", wanted).executeTakeFirst();
  if (taken && taken.id !== selfId) {
    throw new AppError("CONFLICT", `The slug "${wanted}" is taken`, { details: [{ path: "slug", message: "Taken" }] });
  }
}

const sectionOut = (r: { id: number; slug: string; name: string; description: string; position: number }) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  position: r.position,
});
export const registerManageRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  // Sections ------------------------------------------------------------------------------
  api.get("/sections", { preHandler: requirePermission(deps, "content.read") }, async () => ({
    items: (await db.selectFrom("sections").selectAll().orderBy("position").orderBy("name").execute()).map(sectionOut),
  }));

  const checkSectionSlug = (slug: string) => {
    if (RESERVED_SLUGS.has(slug))
      throw new AppError("VALIDATION_FAILED", `"${slug}" is an address the site uses itself: choose another slug`, {
        details: [{ path: "slug", message: "Reserved" }],
      });
  };

  api.post("/sections", { preHandler: requirePermission(deps, "section.manage") }, async (req, reply) => {
    const body = parseInput(sectionBody, req.body);
    const slug = body.slug ?? slugify(body.name);
    if (!slug) throw new AppError("VALIDATION_FAILED", "slug: A slug needs letters or digits (a-z, 0-9)");
    checkSectionSlug(slug);
    const row = await db.transaction().execute(async (trx) => {
      await uniqueSlug(trx, "sections", slug);
      const position =
        body.position ??
        Number(
          (
            await trx
              .selectFrom("sections")
              .select((eb) => eb.fn.max("position").as("p"))
              .executeTakeFirst()
          )?.p ?? -1,
        ) + 1;
      const created = await trx
        .insertInto("sections")
        .values({ slug, name: body.name, description: body.description ?? "", position })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "section.created",
        subjectType: "section",
        subjectId: created.id,
        detail: { slug },
      });
      return created;
    });
    await deps.pages.invalidate([pageTags.sitemaps]);
    return reply.status(201).send(sectionOut(row));
  });

  api.patch("/sections/:id", { preHandler: requirePermission(deps, "section.manage") }, async (req) => {
    const { id: sectionId } = parseInput(idParams, req.params, "params");
    const body = parseInput(sectionBody.partial(), req.body);
    if (body.slug) checkSectionSlug(body.slug);
    const { before, after } = await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("sections").selectAll().where("id", "=", sectionId).executeTakeFirst();
      if (!before) throw new AppError("NOT_FOUND", "No such section");
      if (body.slug) await uniqueSlug(trx, "sections", body.slug, sectionId);
      const row = await trx
        .updateTable("sections")
        .set({
          ...(body.name ? { name: body.name } : {}),
          ...(body.slug ? { slug: body.slug } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
        })
        .where("id", "=", sectionId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "section.updated",
        subjectType: "section",
        subjectId: sectionId,
        detail: { before: sectionOut(before), after: body },
      });
      return { before, after: row };
    });
    await deps.pages.invalidate(await sectionChangeTags(db, before, after));
    return sectionOut(after);
  });

  // Topics --------------------------------------------------------------------------------
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

  // The front page ------------------------------------------------------------------------
  const frontPage = async () => {
    const rows = await db
      .selectFrom("front_page as f")
      .innerJoin("articles as a", "a.id", "f.article_id")
      .select(["f.position", "a.id", "a.headline", "a.status"])
      .orderBy("f.position")
      .execute();
    const item = (r: (typeof rows)[number]) => ({ id: r.id, headline: r.headline, status: r.status });
    const lead = rows.find((r) => r.position === 0);
    return { lead: lead ? item(lead) : null, top: rows.filter((r) => r.position > 0).map(item) };
  };

  api.get("/front-page", { preHandler: requirePermission(deps, "content.read") }, frontPage);

  api.put("/front-page", { preHandler: requirePermission(deps, "frontpage.manage") }, async (req) => {
    const body = parseInput(frontBody, req.body);
    const ids = [...(body.leadId ? [body.leadId] : []), ...body.topIds];
    if (new Set(ids).size !== ids.length)
      throw new AppError("VALIDATION_FAILED", "A story can appear once on the front page");
    await db.transaction().execute(async (trx) => {
      if (ids.length) {
        const live = await trx
          .selectFrom("articles")
          .select("id")
          .where("id", "in", ids)
          .where("status", "=", "published")
          .execute();
        const found = new Set(live.map((r) => r.id));
        const missing = ids.filter((i) => !found.has(i));
        if (missing.length) {
          throw new AppError(
            "VALIDATION_FAILED",
            `Only published stories go on the front page (not ${missing.join(", ")})`,
            {
              details: missing.map((m) => ({ path: "topIds", message: `Article ${m} is not published` })),
            },
          );
        }
      }
      await trx.deleteFrom("front_page").execute();
      const rows = [
        ...(body.leadId ? [{ position: 0, article_id: body.leadId }] : []),
        ...body.topIds.map((article_id, i) => ({ position: i + 1, article_id })),
      ];
      if (rows.length) await trx.insertInto("front_page").values(rows).execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "frontpage.updated",
        subjectType: "frontpage",
        detail: body,
      });
    });
    await deps.pages.invalidate([pageTags.front]);
    return frontPage();
  });

  // The audit log -------------------------------------------------------------------------
  api.get("/audit", { preHandler: requirePermission(deps, "audit.view") }, async (req) => {
    const query = parseInput(auditQuery, req.query, "query");
    let q = db
      .selectFrom("audit_log as l")
      .leftJoin("users as u", "u.id", "l.user_id")
      .select(["l.id", "l.at", "l.action", "l.subject_type", "l.subject_id", "l.detail", "l.ip", "u.name", "l.user_id"])
      .orderBy("l.id", "desc")
      .limit(query.limit + 1);
    if (query.subjectType) q = q.where("l.subject_type", "=", query.subjectType);
    if (query.subjectId) q = q.where("l.subject_id", "=", query.subjectId);
    if (query.userId) q = q.where("l.user_id", "=", query.userId);
    if (query.cursor) q = q.where("l.id", "<", query.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: JSON.parse(r.detail) as unknown,
        ip: r.ip,
        user: r.user_id ? { id: r.user_id, name: r.name } : null,
      })),
      next: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  });
};
