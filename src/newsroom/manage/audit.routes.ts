import { z } from "zod";
import { requirePermission } from "../../platform/admin/guard.js";
import type { NewsroomRoutes } from "../../platform/admin/json-api.js";
import { parseInput } from "../../platform/http/parse-input.js";

// The audit log: who did what to which subject, newest first, filtered by subject or person.

const id = z.coerce.number().int().positive();
export const auditQuery = z.strictObject({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(100).optional(),
  userId: id.optional(),
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const registerAuditRoutes: NewsroomRoutes = (api, deps) => {
  const { db } = deps;

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
