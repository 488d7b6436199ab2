import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import { recordAudit } from "../../platform/admin/audit.js";
import { emailSchema, insertUser, nameSchema, roleSchema, setPassword } from "./accounts.js";
import { endAllSessions } from "../../platform/admin/session.js";

// `london-daily user create|reset-password`: accounts from the command line, for the first admin
// on a server without a browser, or to let someone back in. The password comes from a prompt
// that does not echo, or from standard input with --password-stdin (for scripts).

export type PasswordSource = () => Promise<string>;

/** Reads one password from standard input: everything up to the first line break. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let data = "";
  for await (const chunk of stdin) {
    data += chunk.toString();
    if (data.includes("\n")) break;
  }
  return data.split(/\r?\n/)[0] ?? "";
}

/** Asks for a password on the terminal without showing what is typed. */
export async function promptPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new AppError("BAD_REQUEST", "No terminal to ask for a password: use --password-stdin");
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = "";
  try {
    for await (const chunk of stdin) {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return typed;
        if (ch === "\u0003") throw new AppError("BAD_REQUEST", "Cancelled");
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    }
    return typed;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stdout.write("\n");
  }
}

const createOptions = z.strictObject({ email: emailSchema, name: nameSchema, role: roleSchema });

export async function userCreate(
  db: Kysely<Database>,
  options: { email?: string; name?: string; role?: string },
  password: PasswordSource,
  out: (line: string) => void,
  now = new Date(),
): Promise<number> {
  const parsed = createOptions.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out(`--${issue.path.join(".")}: ${issue.message}`);
    out("Usage: london-daily user create --email <address> --name <name> --role <contributor|writer|editor|admin>");
    return 1;
  }
  try {
    const user = await db.transaction().execute(async (trx) => {
      const created = await insertUser(trx, { ...parsed.data, password: await password() }, now);
      await recordAudit(trx, now, {
        userId: null,
        ip: "cli",
        action: "user.created",
        subjectType: "user",
        subjectId: created.id,
        detail: { role: created.role },
      });
      return created;
    });
    out(`Created ${user.role} ${user.name} <${user.email}>.`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      out(err.message);
      return 1;
    }
    throw err;
  }
}

export async function userResetPassword(
  db: Kysely<Database>,
  options: { email?: string },
  password: PasswordSource,
  out: (line: string) => void,
  now = new Date(),
): Promise<number> {
  const email = emailSchema.safeParse(options.email ?? "");
  if (!email.success) {
    out("Usage: london-daily user reset-password --email <address>");
    return 1;
  }
  const user = await db.selectFrom("users").selectAll().where("email", "=", email.data).executeTakeFirst();
  if (!user) {
    out(`No newsroom account for ${email.data}.`);
    return 1;
  }
  try {
    await setPassword(db, user, await password(), now);
  } catch (err) {
    if (err instanceof AppError) {
      out(err.message);
      return 1;
    }
    throw err;
  }
  await endAllSessions(db, user.id);
  await recordAudit(db, now, {
    userId: null,
    ip: "cli",
    action: "user.password_reset",
    subjectType: "user",
    subjectId: user.id,
  });
  out(`New password set for ${user.email}; every session of the account was signed out.`);
  return 0;
}
