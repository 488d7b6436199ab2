import type { Db } from "../../src/database.js";
import { createSession } from "../../src/platform/admin/session.js";
import type { Role } from "../../src/platform/admin/permissions.js";

export interface SignedIn {
  user: { id: number; email: string; name: string; role: Role };
  /** The Cookie header value for inject(). */
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request: cookie and CSRF token. */
  headers: Record<string, string>;
}

let counter = 0;

/**
 * A newsroom user of `role` with a live session, made directly in the database (the login
 * endpoint has its own tests). The password hash is not a usable hash: this user cannot log in
 * by password, only through the session returned.
 */
export async function signedIn(db: Db, role: Role, now = new Date()): Promise<SignedIn> {
  counter += 1;
  const email = `${role}-${counter}-${Date.now()}@newsroom.test`;
  const name = `${role[0]!.toUpperCase()}${role.slice(1)} ${counter}`;
  const row = await db
    .insertInto("users")
    .values({
      email,
      name,
      role,
      password_hash: "!test-fixture",
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { token, csrfToken } = await createSession(db, row.id, now, { ip: "127.0.0.1", userAgent: "vitest" });
  const cookie = `ld_session=${token}`;
  return {
    user: { id: row.id, email, name, role },
    cookie,
    csrfToken,
    headers: { cookie, "x-csrf-token": csrfToken },
  };
}
