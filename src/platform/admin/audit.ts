import type { FastifyRequest } from "fastify";
import type { Db } from "../../database.js";

export interface AuditEntry {
  userId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number;
  detail?: Record<string, unknown>;
  ip?: string;
}

/** Records who did what to which subject, when and from where; call it inside the change's transaction. */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: at.toISOString(),
      user_id: entry.userId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId === undefined ? "" : String(entry.subjectId),
      detail: JSON.stringify(entry.detail ?? {}),
      ip: (entry.ip ?? "").slice(0, 64),
    })
    .execute();
}

/** The audit fields a request supplies: the signed-in user and the client address. */
export function auditFrom(req: FastifyRequest): { userId: number | null; ip: string } {
  return { userId: (req.integrationUser ?? req.newsroomSession?.user)?.id ?? null, ip: req.ip };
}
