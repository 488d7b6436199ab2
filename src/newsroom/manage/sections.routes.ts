import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { pageTags } from "../../pages/page-tags.js";
import { sectionChangeTags } from "./manage-changes.js";
import { RESERVED_SLUGS, uniqueSlug } from "./slugs.js";

// Sections: the site's top-level divisions, their slugs (never one the site uses itself) and order.

const id = z.coerce.number().int().positive();
const idParams = z.strictObject({ id });
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

const sectionOut = (r: { id: number; slug: string; name: string; description: string; position: number }) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  position: r.position,
});

export const registerSectionRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

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
};
