import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { isSafeHref } from "../../articles/document/document.schema.js";
import { enqueueReindexOfAuthor } from "../../discovery/reindex-job.js";
import { AppError } from "../../platform/errors.js";
import { slugify } from "../../platform/slug.js";
import { pageTags } from "../../pages/page-tags.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { currentUser, requirePermission } from "../../platform/admin/guard.js";
import { bylineChoice } from "../articles/bylines.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { allows } from "../../platform/admin/permissions.js";
import { parseInput } from "../../platform/http/parse-input.js";
import { authorChangeTags } from "./manage-changes.js";
import { uniqueSlug } from "./slugs.js";
import { authorReferences, refuseInUse } from "./references.js";

// Author profiles: editors manage them all; everyone edits their own (docs/adr/025). Deleting one
// works only when nothing uses it (no byline, no account); otherwise 409 with the list.

const id = z.coerce.number().int().positive();
export const idParams = z.strictObject({ id });
const slugField = z
  .string()
  .max(200)
  .transform((s) => slugify(s))
  .refine((s) => s.length > 0, "A slug needs letters or digits (a-z, 0-9)");
const links = z
  .array(
    z.strictObject({
      label: z.string().trim().min(1).max(40),
      url: z.string().refine((u) => isSafeHref(u) && !u.startsWith("mailto:"), "Use an http(s) address"),
    }),
  )
  .max(8);
export const authorBody = z.strictObject({
  name: z.string().trim().min(1, "Enter a name").max(120),
  slug: slugField.optional(),
  role: z.string().trim().max(120).optional(),
  bio: z.string().trim().max(2000).optional(),
  photoMediaId: z.number().int().positive().nullable().optional(),
  links: links.optional(),
  userId: z.number().int().positive().nullable().optional(),
  /** Writers and contributors may add this profile as a co-author. */
  coByline: z.boolean().optional(),
});
/** What only editors change: the address, the account it belongs to, who may byline it. */
const EDITORS_ONLY = ["slug", "userId", "coByline"] as const;

interface AuthorRecord {
  id: number;
  slug: string;
  name: string;
  role: string;
  bio: string;
  photo_media_id: number | null;
  links: string;
  user_id: number | null;
  co_byline: number;
}
const authorOut = (r: AuthorRecord, mayByline: boolean) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  role: r.role,
  bio: r.bio,
  photoMediaId: r.photo_media_id,
  links: JSON.parse(r.links) as { label: string; url: string }[],
  userId: r.user_id,
  coByline: r.co_byline === 1,
  /** The signed-in person may put this profile on a byline (bylines.ts). */
  mayByline,
});

export const registerAuthorRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;
  const who = (req: FastifyRequest) => ({ userId: currentUser(req).id, ip: req.ip });

  api.get("/authors", { preHandler: requirePermission(deps, "content.read") }, async (req) => {
    const choice = await bylineChoice(db, currentUser(req));
    const rows = await db.selectFrom("authors").selectAll().orderBy("name").execute();
    return { items: rows.map((r) => authorOut(r, choice.any || choice.allowed.has(r.id))) };
  });

  api.post("/authors", { preHandler: requirePermission(deps, "author.manage") }, async (req, reply) => {
    const body = parseInput(authorBody, req.body);
    const slug = body.slug ?? slugify(body.name);
    const row = await db.transaction().execute(async (trx) => {
      await uniqueSlug(trx, "authors", slug);
      const created = await trx
        .insertInto("authors")
        .values({
          slug,
          name: body.name,
          role: body.role ?? "",
          bio: body.bio ?? "",
          photo_media_id: body.photoMediaId ?? null,
          links: JSON.stringify(body.links ?? []),
          user_id: body.userId ?? null,
          co_byline: body.coByline ? 1 : 0,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "author.created",
        subjectType: "author",
        subjectId: created.id,
      });
      return created;
    });
    await deps.pages.invalidate([pageTags.sitemaps]);
    return reply.status(201).send(authorOut(row, true));
  });

  api.patch("/authors/:id", { preHandler: requirePermission(deps, "author.edit.own") }, async (req) => {
    const { id: authorId } = parseInput(idParams, req.params, "params");
    const body = parseInput(authorBody.partial(), req.body);
    const user = currentUser(req);
    const manager = allows(user, "author.manage");
    const { before, after } = await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("authors").selectAll().where("id", "=", authorId).executeTakeFirst();
      if (!before) throw new AppError("NOT_FOUND", "No such author");
      if (!manager) {
        if (before.user_id !== user.id) throw new AppError("FORBIDDEN", "You can edit only your own author profile");
        const refused = EDITORS_ONLY.filter((f) => body[f] !== undefined);
        if (refused.length)
          throw new AppError("FORBIDDEN", `Only editors change a profile's ${refused.join(", ")}`, {
            details: refused.map((path) => ({ path, message: "Editors only" })),
          });
      }
      if (body.slug) await uniqueSlug(trx, "authors", body.slug, authorId);
      const row = await trx
        .updateTable("authors")
        .set({
          ...(body.name ? { name: body.name } : {}),
          ...(body.slug ? { slug: body.slug } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.bio !== undefined ? { bio: body.bio } : {}),
          ...(body.photoMediaId !== undefined ? { photo_media_id: body.photoMediaId } : {}),
          ...(body.links ? { links: JSON.stringify(body.links) } : {}),
          ...(body.userId !== undefined ? { user_id: body.userId } : {}),
          ...(body.coByline !== undefined ? { co_byline: body.coByline ? 1 : 0 } : {}),
        })
        .where("id", "=", authorId)
        .returningAll()
        .executeTakeFirstOrThrow();
      // Search finds stories by their byline's names (discovery/search-index.ts).
      if (row.name !== before.name) await enqueueReindexOfAuthor(trx, authorId, deps.now());
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "author.updated",
        subjectType: "author",
        subjectId: authorId,
        detail: { fields: Object.keys(body) },
      });
      return { before, after: row };
    });
    await deps.pages.invalidate(authorChangeTags(before, after));
    const choice = await bylineChoice(db, user);
    return authorOut(after, choice.any || choice.allowed.has(after.id));
  });

  api.delete("/authors/:id", { preHandler: requirePermission(deps, "author.manage") }, async (req, reply) => {
    const { id: authorId } = parseInput(idParams, req.params, "params");
    const removed = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("authors").selectAll().where("id", "=", authorId).executeTakeFirst();
      if (!row) throw new AppError("NOT_FOUND", "No such author");
      refuseInUse(`The author ${row.name}`, await authorReferences(trx, authorId));
      await trx.deleteFrom("authors").where("id", "=", authorId).execute();
      await recordAudit(trx, deps.now(), {
        ...who(req),
        action: "author.deleted",
        subjectType: "author",
        subjectId: authorId,
        detail: { name: row.name, slug: row.slug },
      });
      return row;
    });
    await deps.pages.invalidate([...authorChangeTags(removed, removed), pageTags.sitemaps]);
    return reply.status(204).send();
  });
};
