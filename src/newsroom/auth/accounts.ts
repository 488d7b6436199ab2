import { z } from "zod";
import { ensureAuthorProfile } from "../../authors/author-profile.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { isMailAddress } from "../../platform/mail/mail.message.js";
import { recordAudit } from "../../platform/admin/audit.js";
import type { UserRow } from "../newsroom.table.js";
import { ROLES, type Role } from "../../platform/admin/permissions.js";
import { assertStrongPassword, burnVerifyTime, hashPassword, verifyPassword } from "./passwords.js";
import { endAllSessions, hashToken, newToken } from "../../platform/admin/session.js";

export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .refine(isMailAddress, "Enter an email address like name@example.com");
export const nameSchema = z.string().trim().min(1, "Enter a name").max(120);
export const passwordSchema = z.string().max(200, "Use at most 200 characters");
export const roleSchema = z.enum(ROLES);

export interface PublicUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const publicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled === 1,
  createdAt: u.created_at,
});

interface Actor {
  userId: number | null;
  ip: string;
}

export async function userCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user inside `trx`; 409 when the address is taken. The password is checked and hashed. */
export async function insertUser(
  trx: Db,
  input: { email: string; name: string; role: Role; password: string },
  now: Date,
): Promise<UserRow> {
  assertStrongPassword(input.password, input);
  const taken = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
  if (taken) throw new AppError("CONFLICT", "A newsroom account with this address exists already");
  const passwordHash = await hashPassword(input.password);
  const user = await trx
    .insertInto("users")
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Every account bylines itself (docs/adr/025).
  await ensureAuthorProfile(trx, user);
  return user;
}

/**
 * Creates the first admin — only while no user exists. A marker row in `settings` (primary key)
 * makes two simultaneous setups impossible: the second one's insert fails and it answers 409.
 */
export async function setupFirstAdmin(
  db: Db,
  input: { email: string; name: string; password: string },
  now: Date,
  ip: string,
): Promise<UserRow> {
  assertStrongPassword(input.password, input);
  try {
    return await db.transaction().execute(async (trx) => {
      if ((await userCount(trx)) > 0) throw new AppError("CONFLICT", "The newsroom is set up already: sign in");
      await trx.insertInto("settings").values({ key: "newsroom_setup_at", value: now.toISOString() }).execute();
      const user = await insertUser(trx, { ...input, role: "admin" }, now);
      await recordAudit(trx, now, {
        userId: user.id,
        ip,
        action: "newsroom.setup",
        subjectType: "user",
        subjectId: user.id,
      });
      return user;
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((await userCount(db)) > 0) throw new AppError("CONFLICT", "The newsroom is set up already: sign in");
    throw err;
  }
}

/** The user for an address and password, or undefined; takes the same time for unknown addresses. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  if (!user) {
    await burnVerifyTime(password);
    return undefined;
  }
  const ok = await verifyPassword(user.password_hash, password);
  return ok && !user.disabled ? user : undefined;
}

export async function setPassword(db: Db, user: UserRow, password: string, now: Date): Promise<void> {
  assertStrongPassword(password, user);
  const passwordHash = await hashPassword(password);
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now.toISOString() })
    .where("id", "=", user.id)
    .execute();
}

/** A single-use token for a password reset or an invitation; only its hash is stored. */
export async function issueToken(
  db: Db,
  input: { kind: "reset" | "invite"; email: string; userId?: number; role?: Role; createdBy?: number | null },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + (input.kind === "reset" ? RESET_TTL_MS : INVITE_TTL_MS));
  await db
    .insertInto("auth_tokens")
    .values({
      token_hash: hashToken(token),
      kind: input.kind,
      user_id: input.userId ?? null,
      email: input.email,
      role: input.role ?? null,
      created_by: input.createdBy ?? null,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/** The token's row when it is valid; 404 unknown, 410 used or expired. */
export async function findToken(db: Db, kind: "reset" | "invite", token: string, now: Date) {
  if (token.length > 100) throw new AppError("NOT_FOUND", "This link is not valid");
  const row = await db
    .selectFrom("auth_tokens")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "This link is not valid: ask for a new one");
  if (row.used_at) throw new AppError("GONE", "This link has been used already: ask for a new one");
  if (Date.parse(row.expires_at) <= now.getTime())
    throw new AppError("GONE", "This link has expired: ask for a new one");
  return row;
}

/** Marks the token used; false when another request used it first (single use under concurrency). */
async function consumeToken(trx: Db, token: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable("auth_tokens")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now: Date,
  actor: Actor,
): Promise<UserRow> {
  const row = await findToken(db, "reset", token, now);
  const user = await db.selectFrom("users").selectAll().where("id", "=", row.user_id!).executeTakeFirst();
  if (!user || user.disabled) throw new AppError("GONE", "This account is closed");
  assertStrongPassword(password, user);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, token, now))) throw new AppError("GONE", "This link has been used already");
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    // A reset means the old password may be known to someone else: end every session.
    await endAllSessions(trx, user.id);
    await recordAudit(trx, now, {
      ...actor,
      userId: user.id,
      action: "user.password_reset",
      subjectType: "user",
      subjectId: user.id,
    });
  });
  return user;
}

export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string },
  now: Date,
  ip: string,
): Promise<UserRow> {
  const row = await findToken(db, "invite", input.token, now);
  return db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, input.token, now)))
      throw new AppError("GONE", "This invitation has been used already");
    const user = await insertUser(
      trx,
      { email: row.email, name: input.name, role: row.role ?? "contributor", password: input.password },
      now,
    );
    await recordAudit(trx, now, {
      userId: user.id,
      ip,
      action: "user.invitation_accepted",
      subjectType: "user",
      subjectId: user.id,
      detail: { role: user.role, invitedBy: row.created_by },
    });
    return user;
  });
}
