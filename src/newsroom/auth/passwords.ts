import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "fxa-common-password-list";
import { AppError } from "../../platform/errors.js";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

// Argon2id with OWASP's second recommended profile (19 MiB, 2 passes): about 30 ms here.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (commonPasswords.test(password) || commonPasswords.test(lower)) {
    return "This password is on a list of common passwords; choose another";
  }
  if (/^(.)\1+$/.test(password)) return "A password of one repeated character is too easy to guess";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if ((local && local.length >= 4 && lower.includes(local)) || (context.name && lower === context.name.toLowerCase())) {
    return "A password should not contain your name or address";
  }
  return undefined;
}

export function assertStrongPassword(password: string, context: { email?: string; name?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError("WEAK_PASSWORD", problem, { details: [{ path: "password", message: problem }] });
}

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** Compares in constant time; a malformed stored hash (a disabled or fixture account) never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith("$argon2")) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the address is unknown, so a wrong address costs the same time as a wrong password.
let dummy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword("a placeholder nobody can log in with");
  await verifyPassword(await dummy, password);
}
