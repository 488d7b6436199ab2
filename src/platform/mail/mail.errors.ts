import type { NodemailerError } from "nodemailer";

/**
 * transient: try again later (SMTP 4xx, timeouts, refused or dropped connections, our own configuration such as
 * bad credentials). permanent: the same message will never be accepted (SMTP 5xx, or a message we refuse to
 * build); a sending job marks it failed, and a bounce when `command` is "RCPT TO".
 */
export type MailErrorKind = "transient" | "permanent";

export class MailError extends Error {
  readonly kind: MailErrorKind;
  /** nodemailer's code (ETIMEDOUT, EENVELOPE, EMESSAGE, ECONNECTION…) or INVALID_MESSAGE for one we refused. */
  readonly code: string;
  /** The SMTP reply code, when the server gave one. */
  readonly responseCode: number | undefined;
  /** The SMTP command the server refused: "RCPT TO" means this recipient, "DATA" this message. */
  readonly command: string | undefined;

  constructor(
    kind: MailErrorKind,
    code: string,
    message: string,
    options: { cause?: unknown; responseCode?: number; command?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "MailError";
    this.kind = kind;
    this.code = code;
    this.responseCode = options.responseCode;
    this.command = options.command;
  }
}

export const invalidMessage = (reason: string) => new MailError("permanent", "INVALID_MESSAGE", reason);

// Failures of our side (credentials, TLS set-up, configuration) are never the recipient's fault: a 535 to AUTH
// must not mark a whole list as bounced, so these stay transient whatever reply code came with them.
const OUR_SIDE = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ETLS", "EREQUIRETLS", "ECONFIG", "EPROXY"]);

export function classifyMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const err = (error ?? {}) as NodemailerError;
  const code = typeof err.code === "string" ? err.code : "EUNKNOWN";
  const responseCode = typeof err.responseCode === "number" ? err.responseCode : undefined;
  const command = typeof err.command === "string" ? err.command : undefined;
  const text = err instanceof Error ? err.message : String(error);
  const details = { cause: error, responseCode, command };
  if (OUR_SIDE.has(code)) return new MailError("transient", code, text, details);
  if (responseCode !== undefined) {
    // RFC 5321 §4.2.1: 5yz is a permanent negative completion, 4yz a transient one. nodemailer's `permanent`
    // follows that, except 503 (bad sequence of commands), a session fault that a new connection clears.
    const permanent = typeof err.permanent === "boolean" ? err.permanent : responseCode >= 500 && responseCode !== 503;
    return new MailError(permanent ? "permanent" : "transient", code, text, details);
  }
  // No reply at all: timeouts, refused, reset or closed connections, DNS. Nothing says the message is bad.
  return new MailError("transient", code, text, details);
}
