import path from "node:path";
import { z } from "zod";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { AppError } from "../platform/errors.js";
import { unindexItems } from "./wire-ingest.js";
import { WIRE_FORMATS } from "./wire-item.js";

// Adding, changing and removing providers (admins). Each change is audited.

const name = z.string().trim().min(1, "Give the provider a name").max(80);

/** "5m", "90s", "1h" or a number of seconds → seconds. */
export function parseInterval(value: string | number): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)\s*([smh]?)$/i.exec(value.trim());
  if (!match) throw new AppError("VALIDATION_FAILED", `Not an interval: ${value} (say 90s, 5m or 1h)`);
  const n = Number(match[1]);
  return n * ({ s: 1, m: 60, h: 3600 }[match[2]!.toLowerCase() as "s" | "m" | "h"] ?? 1);
}

const fields = {
  name,
  sourceKind: z.enum(["http", "folder", "email"]),
  source: z.string().trim().min(1, "Say where the copy comes from").max(2000),
  format: z.enum(WIRE_FORMATS),
  authKind: z.enum(["none", "basic", "bearer"]).default("none"),
  authSecret: z.string().max(500).nullable().optional(),
  intervalSeconds: z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      try {
        return parseInterval(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .pipe(z.number().int().min(60, "At least a minute").max(86_400, "At most a day"))
    .default(300),
  sectionId: z.number().int().positive().nullable().optional(),
  defaultUrgency: z.number().int().min(1).max(9).nullable().optional(),
  enabled: z.boolean().default(true),
};

/** What is wrong with a provider's source, format and sign-in together (empty when nothing). */
function sourceIssues(p: {
  sourceKind?: string;
  source?: string;
  format?: string;
  authKind?: string;
  authSecret?: string | null;
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (p.sourceKind === "http" && p.source !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(p.source);
    } catch {
      /* reported below */
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      issues.push({ path: "source", message: "An http(s) URL" });
    }
  }
  if (p.sourceKind === "folder" && p.source !== undefined && !path.isAbsolute(p.source)) {
    issues.push({ path: "source", message: "A folder is given by its absolute path" });
  }
  if (p.sourceKind === "email" && p.source !== undefined && !/^[^\s@]+@[^\s@]+$/.test(p.source)) {
    issues.push({ path: "source", message: "An email address on the inbound listener" });
  }
  if ((p.sourceKind === "email") !== (p.format === "email") && p.sourceKind && p.format) {
    issues.push({ path: "format", message: "An email address takes the email format, and only it" });
  }
  if (p.authKind && p.authKind !== "none" && !p.authSecret) {
    issues.push({ path: "authSecret", message: "Give the user:password or token" });
  }
  return issues;
}

export const providerInput = z.strictObject(fields).superRefine((p, ctx) => {
  for (const issue of sourceIssues(p)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
});
export const providerPatch = z
  .strictObject({
    name,
    source: fields.source,
    format: fields.format,
    authKind: z.enum(["none", "basic", "bearer"]),
    authSecret: fields.authSecret,
    intervalSeconds: fields.intervalSeconds,
    sectionId: fields.sectionId,
    defaultUrgency: fields.defaultUrgency,
    enabled: z.boolean(),
  })
  .partial();

type Who = { userId: number | null; ip?: string };

export async function createProvider(
  db: Db,
  input: z.output<typeof providerInput>,
  who: Who,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("wire_providers").select("id").where("name", "=", input.name).executeTakeFirst()) {
      throw new AppError("CONFLICT", `A provider named ${input.name} exists already`);
    }
    const row = await trx
      .insertInto("wire_providers")
      .values({
        name: input.name,
        source_kind: input.sourceKind,
        source: input.source,
        format: input.format,
        auth_kind: input.authKind,
        auth_secret: input.authKind === "none" ? null : (input.authSecret ?? null),
        interval_seconds: input.intervalSeconds,
        section_id: input.sectionId ?? null,
        default_urgency: input.defaultUrgency ?? null,
        enabled: input.enabled ? 1 : 0,
        next_poll_at: now.toISOString(),
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, now, {
      ...who,
      action: "wire.provider.created",
      subjectType: "wire_provider",
      subjectId: row.id,
      detail: { name: input.name },
    });
    return row.id;
  });
}

export async function updateProvider(
  db: Db,
  id: number,
  patch: z.output<typeof providerPatch>,
  who: Who,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("wire_providers").selectAll().where("id", "=", id).executeTakeFirst();
    if (!current) throw new AppError("NOT_FOUND", "No such wire provider");
    const issues = sourceIssues({
      sourceKind: current.source_kind,
      source: patch.source ?? current.source,
      format: patch.format ?? current.format,
      authKind: patch.authKind ?? current.auth_kind,
      authSecret: patch.authSecret === undefined ? current.auth_secret : patch.authSecret,
    });
    if (issues.length) throw new AppError("VALIDATION_FAILED", issues.map((i) => i.message).join("; "));
    await trx
      .updateTable("wire_providers")
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.source !== undefined ? { source: patch.source, etag: null, last_modified: null } : {}),
        ...(patch.format !== undefined ? { format: patch.format } : {}),
        ...(patch.authKind !== undefined ? { auth_kind: patch.authKind } : {}),
        ...(patch.authSecret !== undefined ? { auth_secret: patch.authSecret } : {}),
        ...(patch.intervalSeconds !== undefined ? { interval_seconds: patch.intervalSeconds } : {}),
        ...(patch.sectionId !== undefined ? { section_id: patch.sectionId } : {}),
        ...(patch.defaultUrgency !== undefined ? { default_urgency: patch.defaultUrgency } : {}),
        // Resuming a paused provider polls it at once and forgets its back-off.
        ...(patch.enabled !== undefined
          ? {
              enabled: patch.enabled ? 1 : 0,
              ...(patch.enabled ? { next_poll_at: now.toISOString(), failures: 0 } : {}),
            }
          : {}),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, now, {
      ...who,
      action: "wire.provider.changed",
      subjectType: "wire_provider",
      subjectId: id,
      detail: { fields: Object.keys(patch) },
    });
  });
}

/** Removes a provider with the items nobody used; items drafts were made from stay with their drafts' links. */
export async function removeProvider(db: Db, id: number, who: Who, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("wire_providers")
      .select(["id", "name"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current) throw new AppError("NOT_FOUND", "No such wire provider");
    const used = await trx
      .selectFrom("wire_uses as u")
      .innerJoin("wire_items as i", "i.id", "u.item_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("i.provider_id", "=", id)
      .executeTakeFirstOrThrow();
    if (Number(used.n) > 0) {
      throw new AppError(
        "CONFLICT",
        `Drafts were made from ${used.n} of this provider's items; pause it instead of removing it`,
      );
    }
    const ids = (await trx.selectFrom("wire_items").select("id").where("provider_id", "=", id).execute()).map(
      (r) => r.id,
    );

    for (let i = 0; i < ids.length; i += 500) await unindexItems(trx, ids.slice(i, i + 500));
    await trx.deleteFrom("wire_providers").where("id", "=", id).execute();
    await recordAudit(trx, now, {
      ...who,
      action: "wire.provider.removed",
      subjectType: "wire_provider",
      subjectId: id,
      detail: { name: current.name },
    });
  });
}
