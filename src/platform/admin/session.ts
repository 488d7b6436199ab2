import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../database.js";
import type { Action, Role } from "./permissions.js";

export const SESSION_COOKIE = "ld_session";
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and after this long whatever happens. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface NewsroomUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /**
   * Set when an integration acts through the Admin API (docs/adr/033): the actions its key's scopes
   * grant, which replace the role in every check (`allows`), and the integration's id.
   */
  grants?: ReadonlySet<Action>;
  integrationId?: number;
}

export interface Session {
  user: NewsroomUser;
  csrfToken: string;
  tokenHash: string;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
export const newToken = () => randomBytes(32).toString("base64url");

export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  client: { ip: string; userAgent: string },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken };
}

/** The live session for a cookie token, or undefined (unknown, idle too long, past its end, user disabled). */
export async function findSession(db: Db, token: string, now: Date): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.csrf_token",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.disabled",
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  const t = now.getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (t >= Date.parse(row.expires_at) || t - lastSeen >= SESSION_IDLE_MS) {
    await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    return undefined;
  }
  if (t - lastSeen >= TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: now.toISOString() })
      .where("token_hash", "=", tokenHash)
      .execute();
  }
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    csrfToken: row.csrf_token,
    tokenHash,
  };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function endAllSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Ends every session of the user but the one in use (a password change). */
export async function endOtherSessions(db: Db, userId: number, keepTokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).where("token_hash", "!=", keepTokenHash).execute();
}
