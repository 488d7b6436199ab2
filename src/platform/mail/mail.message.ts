import type { SendMailOptions } from "nodemailer";
import { invalidMessage } from "./mail.errors.js";

/** One email to one person. Every field that becomes a header is checked before nodemailer sees it. */
export interface MailMessage {
  /** One bare address: reader@example.com. */
  to: string;
  /** "Name <address>" or an address; the mailer's MAIL_FROM when absent. */
  from?: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra header fields (X-Campaign…); the ones built from the fields here cannot be set this way. */
  headers?: Record<string, string>;
  /**
   * RFC 2369 List-Unsubscribe; an https url also gets RFC 8058 one-click (List-Unsubscribe-Post). `mailto`
   * is an address, optionally with an RFC 6068 subject: "unsubscribe@l.example?subject=unsubscribe%2042".
   */
  listUnsubscribe?: { url: string; mailto?: string };
  /** RFC 2919 List-Id: id like "morning-headlines.london-daily.example", name a human label. */
  listId?: { id: string; name?: string };
  /** Set it for idempotency ("<edition-42.reader-7@london-daily.example>"): a retry then sends the same message. */
  messageId?: string;
}

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-";
// A practical addr-spec: a dot-atom local part (UTF-8 allowed, RFC 6531) at a host name; no quoted local
// parts, comments or address literals, which no subscriber form produces and which hide injection tricks.
const LOCAL = new RegExp(`^[${ATEXT}\\p{L}\\p{N}]+(?:\\.[${ATEXT}\\p{L}\\p{N}]+)*$`, "u");
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, "u");
const LIST_ID = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)+$`);
// What a mailto URI carries unencoded (RFC 6068 §2): the address of a list's own mailbox needs nothing
// more, and anything that would need percent-encoding there (?, %, #, non-ASCII) is refused instead.
const MAILTO_ADDRESS = /^[A-Za-z0-9.!$'*+_~-]+@[A-Za-z0-9.-]+$/;
const MAILTO_SUBJECT = /^subject=((?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+)$/;
const FIELD_NAME = /^[!-9;-~]+$/; // RFC 5322 §3.6.8: printable US-ASCII except ":"
const LINE_BREAK = /[\r\n\0]/;

// Fields this module writes itself; letting `headers` set them would bypass the checks below (a second To:,
// a Bcc:) or break the MIME structure.
const RESERVED = new Set([
  "to",
  "cc",
  "bcc",
  "from",
  "sender",
  "reply-to",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "return-path",
  "list-unsubscribe",
  "list-unsubscribe-post",
  "list-id",
]);

export function isMailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at < 1 || value.length > 254) return false;
  const local = value.slice(0, at);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(value.slice(at + 1));
}

function oneLine(field: string, value: string): string {
  if (typeof value !== "string") throw invalidMessage(`${field} must be text`);
  if (LINE_BREAK.test(value)) throw invalidMessage(`${field} must not contain line breaks (header injection)`);
  return value;
}

function address(field: string, value: string): string {
  const v = oneLine(field, value).trim();
  if (!isMailAddress(v)) throw invalidMessage(`${field} must be one email address`);
  return v;
}

/** "Name <a@b>", "\"Name, Inc.\" <a@b>" or "a@b" → nodemailer's { name, address }, which it encodes itself. */
export function parseMailbox(field: string, value: string): { name: string; address: string } {
  const v = oneLine(field, value).trim();
  const m = /^(.*?)\s*<([^<>]*)>$/s.exec(v);
  if (!m) return { name: "", address: address(field, v) };
  let name = (m[1] ?? "").trim();
  if (/^".*"$/s.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  return { name, address: address(field, m[2] ?? "") };
}

function messageIdOf(value: string): string {
  const id = oneLine("messageId", value).trim().replace(/^<|>$/g, "");
  // RFC 5322 §3.6.4 msg-id: id-left "@" id-right, printable ASCII without angle brackets or spaces.
  if (!/^[!-;=?-~]+@[!-;=?-~]+$/.test(id) || id.length > 250)
    throw invalidMessage("messageId must look like <id@host>");
  return `<${id}>`;
}

function listUnsubscribe(value: NonNullable<MailMessage["listUnsubscribe"]>): { urls: string[]; oneClick: boolean } {
  const raw = oneLine("listUnsubscribe.url", value.url);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidMessage("listUnsubscribe.url must be an absolute http(s) URL");
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || /[\s<>]/.test(raw)) {
    throw invalidMessage("listUnsubscribe.url must be an absolute http(s) URL");
  }
  const urls = [url.href];
  if (value.mailto !== undefined) urls.push(mailtoUri(value.mailto));
  // RFC 8058 §3.1: one-click needs an HTTPS URI; a plain-http one (a development site) is offered without it.
  return { urls, oneClick: url.protocol === "https:" };
}

/**
 * "a@b" or "a@b?subject=…" → "mailto:…" (RFC 6068). Only a subject may follow: another field (to=, cc=,
 * bcc=, body=) would have a reader's mail client write to someone else or say something else. The
 * subject must come percent-encoded, and what it decodes to must be one line of text.
 */
function mailtoUri(value: string): string {
  const field = "listUnsubscribe.mailto";
  const v = oneLine(field, value);
  if (/[\s<>]/.test(v)) throw invalidMessage(`${field} must not contain spaces or angle brackets`);
  const query = v.indexOf("?");
  const mailbox = address(field, query < 0 ? v : v.slice(0, query));
  if (!MAILTO_ADDRESS.test(mailbox)) throw invalidMessage(`${field} must be an ASCII address a mailto URI can carry`);
  if (query < 0) return `mailto:${mailbox}`;
  const subject = MAILTO_SUBJECT.exec(v.slice(query + 1))?.[1];
  if (!subject) throw invalidMessage(`${field} takes only ?subject=<percent-encoded text> after the address`);
  let text: string;
  try {
    text = decodeURIComponent(subject);
  } catch {
    throw invalidMessage(`${field} subject is not percent-encoded UTF-8`);
  }
  if (/\p{Cc}/u.test(text)) throw invalidMessage(`${field} subject must be one line of text (header injection)`);
  return `mailto:${mailbox}?subject=${subject}`;
}

/** The fields every copy of a bulk message shares: everything but the recipient's own. */
export type CommonMailFields = Omit<MailMessage, "to" | "messageId" | "listUnsubscribe">;
/** The fields that differ from one recipient to the next. */
export type RecipientMailFields = Pick<MailMessage, "to" | "messageId" | "listUnsubscribe">;

/** Checks the shared fields and turns them into nodemailer's options; throws MailError INVALID_MESSAGE. */
export function checkCommonFields(message: CommonMailFields, defaultFrom: string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!FIELD_NAME.test(name)) throw invalidMessage(`header name ${JSON.stringify(name)} is not a valid field name`);
    if (RESERVED.has(name.toLowerCase())) throw invalidMessage(`header ${name} is set by the mailer, not by headers`);
    headers[name] = oneLine(`header ${name}`, value);
  }
  let listId: NonNullable<SendMailOptions["list"]>["id"] | undefined;
  if (message.listId) {
    const id = oneLine("listId.id", message.listId.id);
    if (!LIST_ID.test(id)) throw invalidMessage("listId.id must look like label.example.com (RFC 2919)");
    const name = message.listId.name === undefined ? undefined : oneLine("listId.name", message.listId.name);
    listId = name ? { url: id, comment: name } : id;
  }
  if (typeof message.html !== "string" || typeof message.text !== "string") {
    throw invalidMessage("html and text must both be given as text");
  }
  return {
    from: parseMailbox("from", message.from ?? defaultFrom),
    ...(message.replyTo === undefined ? {} : { replyTo: parseMailbox("replyTo", message.replyTo) }),
    subject: oneLine("subject", message.subject),
    text: message.text,
    html: message.html,
    headers,
    listId,
  };
}

/** Checks one recipient's fields: the address, the Message-ID and the List-Unsubscribe URIs. */
export function checkRecipientFields(message: RecipientMailFields) {
  return {
    to: address("to", message.to),
    messageId: message.messageId === undefined ? undefined : messageIdOf(message.messageId),
    listUnsubscribe: message.listUnsubscribe ? listUnsubscribe(message.listUnsubscribe) : undefined,
  };
}

/** Checks a message and turns it into nodemailer's options; throws MailError INVALID_MESSAGE (permanent). */
export function toSendMailOptions(message: MailMessage, defaultFrom: string): SendMailOptions {
  const { listId, headers, ...common } = checkCommonFields(message, defaultFrom);
  const recipient = checkRecipientFields(message);
  const list: NonNullable<SendMailOptions["list"]> = {};
  if (recipient.listUnsubscribe) {
    list.unsubscribe = [recipient.listUnsubscribe.urls]; // one header, the URIs comma-separated (RFC 2369 §2)
    if (recipient.listUnsubscribe.oneClick) headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  if (listId) list.id = listId;
  return {
    to: recipient.to,
    ...common,
    headers,
    ...(Object.keys(list).length ? { list } : {}),
    ...(recipient.messageId === undefined ? {} : { messageId: recipient.messageId }),
    xMailer: false,
    // Message content is always given inline; never let a value be read as a path or fetched as a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
