import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import type { NewsroomUser } from "../platform/admin/session.js";
import { parseInput } from "../platform/http/parse-input.js";
import { inTransaction } from "../platform/db/transaction.js";
import { AppError } from "../platform/errors.js";
import type { IntegrationRow } from "./integration.table.js";
import { type Scope, grantsOf, scopeList } from "./scopes.js";

// Integrations and their keys (docs/adr/033). A key is 32 random bytes, shown once when made; the
// table keeps its SHA-256 (a leaked table opens nothing) and its first characters to tell keys apart.

const KEY_PREFIX = "ldk_";
export const integrationInput = z.strictObject({
  name: z.string().trim().min(1, "Name the integration").max(80),
  scopes: scopeList,
});

export interface Integration {
  id: number;
  name: string;
  scopes: Scope[];
  keyPrefix: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("base64url");

function toIntegration(row: IntegrationRow & { creator: string | null }): Integration {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    createdBy: row.creator,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listIntegrations(db: Db): Promise<Integration[]> {
  const rows = await db
    .selectFrom("integrations as i")
    .leftJoin("users as u", "u.id", "i.created_by")
    .selectAll("i")
    .select("u.name as creator")
    .orderBy("i.name")
    .execute();
  return rows.map(toIntegration);
}

/**
 * Makes an integration and its key, with a disabled account of its own that its writes are made
 * as. Answers the key: the only time it exists outside the caller.
 */
export async function createIntegration(
  db: Db,
  input: unknown,
  by: { userId: number | null; ip?: string },
  now: Date,
): Promise<{ integration: Integration; key: string }> {
  const { name, scopes } = parseInput(integrationInput, input);
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const id = await inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("integrations").select("id").where("name", "=", name).executeTakeFirst();
    if (taken) throw new AppError("CONFLICT", `An integration is already called "${name}"`);
    const user = await trx
      .insertInto("users")
      .values({
        // .invalid never resolves (RFC 2606): no mail reaches anyone, and no person can own it.
        email: `integration-${randomBytes(6).toString("hex")}@integrations.invalid`,
        name,
        role: "contributor",
        // Not an Argon2 hash: no password ever matches it. The account is disabled besides.
        password_hash: "!integration",
        disabled: 1,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("integrations")
      .values({
        name,
        user_id: user.id,
        scopes: JSON.stringify(scopes),
        key_prefix: key.slice(0, KEY_PREFIX.length + 6),
        key_hash: hashKey(key),
        created_at: at,
        created_by: by.userId,
        revoked_at: null,
        last_used_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, now, {
      userId: by.userId,
      action: "integration.create",
      subjectType: "integration",
      subjectId: row.id,
      detail: { name, scopes },
      ...(by.ip ? { ip: by.ip } : {}),
    });
    return row.id;
  });
  const integration = (await listIntegrations(db)).find((i) => i.id === id);
  if (!integration) throw new Error("integration vanished after its creation");
  return { integration, key };
}

/** Revokes an integration's key, by id or name; at once, for every instance (the next call is 401). */
export async function revokeIntegration(
  db: Db,
  which: { id: number } | { name: string },
  by: { userId: number | null; ip?: string },
  now: Date,
): Promise<Integration> {
  const row = await db
    .selectFrom("integrations")
    .select(["id", "name", "revoked_at"])
    .$call((q) => ("id" in which ? q.where("id", "=", which.id) : q.where("name", "=", which.name)))
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such integration");
  if (!row.revoked_at) {
    await inTransaction(db, async (trx) => {
      await trx
        .updateTable("integrations")
        .set({ revoked_at: now.toISOString() })
        .where("id", "=", row.id)
        .where("revoked_at", "is", null)
        .execute();
      await recordAudit(trx, now, {
        userId: by.userId,
        action: "integration.revoke",
        subjectType: "integration",
        subjectId: row.id,
        detail: { name: row.name },
        ...(by.ip ? { ip: by.ip } : {}),
      });
    });
  }
  const integration = (await listIntegrations(db)).find((i) => i.id === row.id);
  if (!integration) throw new Error("integration vanished");
  return integration;
}

/** The integration a Bearer key belongs to, as the user its calls act as; undefined for a bad or revoked key. */
export async function authenticateKey(db: Db, key: string): Promise<NewsroomUser | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return undefined;
  const row = await db
    .selectFrom("integrations as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select(["i.id", "i.name", "i.scopes", "i.revoked_at", "u.id as userId", "u.email"])
    .where("i.key_hash", "=", hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  return {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: "contributor",
    grants: grantsOf(JSON.parse(row.scopes) as Scope[]),
    integrationId: row.id,
  };
}
