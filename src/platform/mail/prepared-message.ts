import { randomBytes } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { foldLines } from "nodemailer/lib/mime-funcs";
import MimeNode from "nodemailer/lib/mime-node";
import { invalidMessage } from "./mail.errors.js";
import {
  type CommonMailFields,
  type RecipientMailFields,
  checkCommonFields,
  checkRecipientFields,
} from "./mail.message.js";

/**
 * One message for many recipients: the shared fields and the two bodies, with `slots` — placeholder strings in
 * the bodies that each recipient's `substitutions` replace (their own preferences and unsubscribe links).
 */
export interface PreparedMail extends CommonMailFields {
  slots?: string[];
}

/** One recipient's copy: who, its Message-ID (required: bulk sends are resumed by it) and its own values. */
export interface PreparedRecipient extends RecipientMailFields {
  messageId: string;
  /** A value for every slot: plain text, written as is into the text part and HTML-escaped into the html. */
  substitutions?: Record<string, string>;
}

/** What nodemailer is handed for one copy: the finished RFC 5322 message and its SMTP envelope. */
export type RawSendOptions = Required<Pick<SendMailOptions, "envelope" | "raw" | "messageId">>;

// Fields the prepared header block must not carry: each copy writes its own, or the body part below does.
const PER_COPY = new Set([
  "to",
  "message-id",
  "date",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "list-unsubscribe",
  "list-unsubscribe-post",
]);
const PLACEHOLDER_TO = "recipient@prepared.invalid";

/**
 * Checks the shared fields once (the same checks as `toSendMailOptions`) and builds their header block once,
 * with nodemailer itself (so From, Subject and List-ID are encoded exactly as `Mailer.send` encodes them).
 * `build` then checks one recipient's fields and assembles their copy from strings: no MIME tree per message.
 */
export async function prepareMessage(mail: PreparedMail, defaultFrom: string, bounceAddress?: string) {
  const { listId, html, text, ...common } = checkCommonFields(mail, defaultFrom);
  const slots = [...new Set(mail.slots ?? [])];
  if (slots.some((slot) => typeof slot !== "string" || slot === ""))
    throw invalidMessage("slots must be non-empty text");

  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const sample = await composer.sendMail({
    ...common,
    to: PLACEHOLDER_TO,
    text: "",
    ...(listId ? { list: { id: listId } } : {}),
    xMailer: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  composer.close();
  const message = String(sample.message);
  const block = message
    .slice(0, message.indexOf("\r\n\r\n"))
    // a field ends at a CRLF not followed by the folding white space of its next line (RFC 5322 §2.2.3)
    .split(/\r\n(?![ \t])/)
    .filter((field) => !PER_COPY.has(field.slice(0, field.indexOf(":")).toLowerCase()))
    .join("\r\n");

  // Base64 lines hold only A-Z a-z 0-9 + / =, so a boundary with "_" can never occur inside a part
  // (RFC 2046 §5.1.1); one per prepared message is enough.
  const boundary = `--_LD_${randomBytes(12).toString("hex")}`;
  const part = (type: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`;
  const mimeHead = `MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n\r\n`;
  const textTemplate = splitAtSlots(text, slots);
  const htmlTemplate = splitAtSlots(html, slots);
  // MAIL FROM: the bounce address when there is one, so bounces come back to our listener, not to From.
  const envelopeFrom = bounceAddress ?? common.from.address;

  return {
    /** One recipient's copy; throws MailError INVALID_MESSAGE for a field that fails its check. */
    build(recipient: PreparedRecipient): RawSendOptions {
      const { to, messageId, listUnsubscribe } = checkRecipientFields(recipient);
      if (messageId === undefined) throw invalidMessage("messageId must look like <id@host>");
      const values = slots.map((slot) => {
        const value = recipient.substitutions?.[slot];
        if (typeof value !== "string") throw invalidMessage(`substitution for ${slot} is missing`);
        return value;
      });
      let fields = `\r\nTo: ${MimeNode.encodeHeaderValue("To", to)}\r\nMessage-ID: ${messageId}\r\nDate: ${rfc5322Date(new Date())}\r\n`;
      if (listUnsubscribe) {
        // RFC 2369 §2: one field, the URIs in angle brackets, comma-separated; folded the way nodemailer folds it.
        fields += `${foldLines(`List-Unsubscribe: ${listUnsubscribe.urls.map((u) => `<${u}>`).join(", ")}`)}\r\n`;
        if (listUnsubscribe.oneClick) fields += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
      }
      const raw =
        block +
        fields +
        mimeHead +
        part("text/plain") +
        base64Lines(fill(textTemplate, values)) +
        part("text/html") +
        base64Lines(fill(htmlTemplate, values.map(escapeHtml))) +
        `--${boundary}--\r\n`;
      return { envelope: { from: envelopeFrom, to: [to] }, raw, messageId };
    },
  };
}

export type PreparedBuilder = Awaited<ReturnType<typeof prepareMessage>>;

/** The template cut at every slot: [text, slot index, text, slot index, …, text]. */
function splitAtSlots(template: string, slots: string[]): (string | number)[] {
  let pieces: (string | number)[] = [template];
  slots.forEach((slot, index) => {
    pieces = pieces.flatMap((piece) =>
      typeof piece === "number" ? [piece] : piece.split(slot).flatMap((s, i) => (i === 0 ? [s] : [index, s])),
    );
  });
  return pieces;
}

function fill(pieces: (string | number)[], values: string[]): string {
  let out = "";
  for (const piece of pieces) out += typeof piece === "number" ? values[piece] : piece;
  return out;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!);

/** RFC 2045 §6.8: base64 in lines of at most 76 characters, each ended by CRLF. */
function base64Lines(body: string): string {
  const encoded = Buffer.from(body, "utf8").toString("base64");
  let out = "";
  for (let i = 0; i < encoded.length; i += 76) out += `${encoded.slice(i, i + 76)}\r\n`;
  return out;
}

/** The Date field as nodemailer writes it: "Sun, 29 Nov 2026 09:46:25 +0000" (RFC 5322 §3.3). */
const rfc5322Date = (date: Date) => date.toUTCString().replace(/GMT/, "+0000");
