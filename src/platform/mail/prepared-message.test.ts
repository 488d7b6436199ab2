import { type ParsedMail, simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { MailError } from "./mail.errors.js";
import { type MailMessage, toSendMailOptions } from "./mail.message.js";
import { type PreparedMail, type PreparedRecipient, prepareMessage } from "./prepared-message.js";

const DEFAULT_FROM = "London Daily <newsletters@london-daily.example>";
const PREFS = "https://prefs.invalid/slot";
const UNSUB = "https://unsub.invalid/slot";

// Bodies that have tripped mail software: lines far over SMTP's 998-octet limit, CRLF and bare LF mixed,
// non-ASCII and emoji, a line starting with "." (SMTP dot-stuffing) and one with "From " (mbox quoting).
const long = `${"Londres ".repeat(140)}— ${"é".repeat(400)} 🎬`;
const text = `Video newsletter\r\nThis week:\n.hidden dot line\nFrom the river, a film\r\n${long}\n\nManage: ${PREFS}\nLeave: ${UNSUB}\n`;
const html =
  `<p>${long}</p>\n<p>.dot</p>\r\nFrom here\n<p>Caf\u00e9 ’ 🎬</p>` +
  `<a href="${PREFS}">Manage</a> <a href="${UNSUB}">Unsubscribe</a>`;

const common: PreparedMail = {
  from: '"London Daily, Newsroom" <newsletters@london-daily.example>',
  subject: "London Daily’s Video newsletter – 4 December 2026 🎬📰",
  html,
  text,
  headers: { "X-Edition": "video/2026-12-04" },
  listId: { id: "video.london-daily.example", name: "Video – weekly" },
  slots: [PREFS, UNSUB],
};
const prefsUrl = "https://london-daily.example/newsletters/preferences?s=7&t=AbC-_9";
const unsubUrl = "https://london-daily.example/newsletters/unsubscribe?s=7&n=video&t=XyZ-_1";
const recipient: PreparedRecipient = {
  to: "reader7@example.org",
  messageId: "<video.2026-12-04.7@london-daily.example>",
  listUnsubscribe: { url: unsubUrl, mailto: "unsubscribe@london-daily.example?subject=unsubscribe%207.video.Mac-_1" },
  substitutions: { [PREFS]: prefsUrl, [UNSUB]: unsubUrl },
};
// What the newsletter's personalise() produces: the links as is in text, "&" escaped in HTML.
const personal = {
  text: text.replaceAll(PREFS, prefsUrl).replaceAll(UNSUB, unsubUrl),
  html: html.replaceAll(PREFS, prefsUrl.replaceAll("&", "&amp;")).replaceAll(UNSUB, unsubUrl.replaceAll("&", "&amp;")),
};

/** The same message the way Mailer.send builds it (nodemailer's MailComposer). */
async function composed(message: MailMessage): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail(toSendMailOptions(message, DEFAULT_FROM));
  return info.message as Buffer;
}

const { slots: _slots, ...shared } = common;
const { substitutions: _values, ...own } = recipient;
const sendInput: MailMessage = { ...shared, ...own, ...personal };

const LF = (s: string) => s.replace(/\r\n/g, "\n"); // mailparser hands text back with LF line ends

function headerSummary(m: ParsedMail) {
  return {
    subject: m.subject,
    from: m.from?.value,
    to: (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a?.value ?? []),
    messageId: m.messageId,
    list: m.headers.get("list"),
    mimeVersion: m.headers.get("mime-version"),
    edition: m.headers.get("x-edition"),
    contentType: (m.headers.get("content-type") as { value: string }).value,
  };
}

/** The decoded bytes of the part of `type`, read straight from the raw message (mailparser normalises line ends). */
function partBytes(raw: string, type: string): string {
  const m = new RegExp(
    `Content-Type: ${type}; charset=utf-8\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\n([^-]*)`,
  ).exec(raw);
  return Buffer.from(m?.[1] ?? "", "base64").toString("utf8");
}

describe("prepareMessage", () => {
  it("builds, per recipient, the message Mailer.send builds: same headers, same decoded parts", async () => {
    const prepared = await prepareMessage(common, DEFAULT_FROM);
    const { raw, envelope, messageId } = prepared.build(recipient);
    const mine = await simpleParser(raw as string);
    const theirs = await simpleParser(await composed(sendInput));

    expect(headerSummary(mine)).toEqual(headerSummary(theirs));
    expect(headerSummary(mine)).toMatchObject({
      subject: "London Daily’s Video newsletter – 4 December 2026 🎬📰",
      from: [{ name: "London Daily, Newsroom", address: "newsletters@london-daily.example" }],
      to: [{ address: "reader7@example.org", name: "" }],
      messageId: "<video.2026-12-04.7@london-daily.example>",
      mimeVersion: "1.0",
      contentType: "multipart/alternative",
      list: {
        unsubscribe: { url: unsubUrl, mail: "unsubscribe@london-daily.example?subject=unsubscribe%207.video.Mac-_1" },
        "unsubscribe-post": { name: "List-Unsubscribe=One-Click" },
        // mailparser leaves a List-ID phrase as the RFC 2047 encoded word nodemailer wrote
        id: { id: "video.london-daily.example", name: "=?UTF-8?Q?Video_=E2=80=93_weekly?=" },
      },
    });
    expect(mine.date).toBeInstanceOf(Date);
    expect(Math.abs(mine.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(mine.text).toBe(LF(personal.text));
    expect(mine.html).toBe(LF(personal.html));
    expect(mine.text).toBe(theirs.text);
    expect(mine.html).toBe(theirs.html);
    // Byte for byte, CRs included: base64 carries the bodies unchanged.
    expect(partBytes(raw as string, "text/plain")).toBe(personal.text);
    expect(partBytes(raw as string, "text/html")).toBe(personal.html);
    expect({ envelope, messageId }).toEqual({
      envelope: { from: "newsletters@london-daily.example", to: ["reader7@example.org"] },
      messageId: "<video.2026-12-04.7@london-daily.example>",
    });
  });

  it("writes CRLF lines within SMTP's limits, one of each header, no raw UTF-8 in the head and no X-Mailer", async () => {
    const prepared = await prepareMessage(common, DEFAULT_FROM);
    const raw = prepared.build(recipient).raw as string;
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
    // RFC 5322 §2.1.1: 998 at most; header fields are folded at 76 where they can be (a long URI cannot),
    // base64 lines are 76 (RFC 2045 §6.8).
    for (const line of head.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    for (const line of raw.slice(head.length).split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(head).toMatch(/^[\x20-\x7e\r\n]+$/);
    const names = head.split(/\r\n(?![ \t])/).map((f) => f.slice(0, f.indexOf(":")).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain("x-mailer");
    expect(names).toEqual(
      expect.arrayContaining(["from", "to", "subject", "date", "message-id", "list-id", "mime-version"]),
    );
  });

  it("offers one-click only with an https URL, and no List-Unsubscribe at all without one", async () => {
    const prepared = await prepareMessage(common, DEFAULT_FROM);
    const http = await simpleParser(
      prepared.build({ ...recipient, listUnsubscribe: { url: "http://localhost:3000/u?t=1" } }).raw as string,
    );
    expect(http.headers.get("list")).toEqual({
      unsubscribe: { url: "http://localhost:3000/u?t=1" },
      id: { id: "video.london-daily.example", name: "=?UTF-8?Q?Video_=E2=80=93_weekly?=" },
    });
    const { listUnsubscribe: _l, ...bare } = recipient;
    const none = await simpleParser(prepared.build(bare).raw as string);
    expect(none.headers.has("list-unsubscribe")).toBe(false);
    expect(none.headers.has("list-unsubscribe-post")).toBe(false);
  });

  it("HTML-escapes substituted values in the html part only", async () => {
    const prepared = await prepareMessage(
      { ...common, text: `a ${PREFS} b`, html: `<a href="${PREFS}">x</a>` },
      DEFAULT_FROM,
    );
    const raw = prepared.build({
      ...recipient,
      substitutions: { [PREFS]: 'https://x.example/?a=1&b="<2>"', [UNSUB]: "" },
    }).raw as string;
    expect(partBytes(raw, "text/plain")).toBe('a https://x.example/?a=1&b="<2>" b');
    expect(partBytes(raw, "text/html")).toBe('<a href="https://x.example/?a=1&amp;b=&quot;&lt;2&gt;&quot;">x</a>');
  });

  it("refuses header injection in the shared fields once, at prepare", async () => {
    const attempts: PreparedMail[] = [
      { ...common, from: "Desk <desk@example.com>\nBcc: x@example.com" },
      { ...common, subject: "Hello\r\nBcc: x@example.com" },
      { ...common, headers: { "X-Campaign": "a\nBcc: x@example.com" } },
      { ...common, headers: { Bcc: "x@example.com" } },
      { ...common, headers: { "List-Unsubscribe": "<https://evil.example>" } },
      { ...common, headers: { "Bad Name": "x" } },
      { ...common, listId: { id: "video.example\r\nBcc: x@example.com" } },
      { ...common, listId: { id: "not a list id" } },
      { ...common, replyTo: "a@example.com\rBcc: x@example.com" },
    ];
    for (const attempt of attempts) {
      await expect(prepareMessage(attempt, DEFAULT_FROM)).rejects.toMatchObject({
        kind: "permanent",
        code: "INVALID_MESSAGE",
      });
    }
  });

  it("refuses, per recipient, what Mailer.send refuses: injected or multiple addresses, bad ids and List-Unsubscribe URIs", async () => {
    const prepared = await prepareMessage(common, DEFAULT_FROM);
    const attempts: PreparedRecipient[] = [
      { ...recipient, to: "reader@example.com\r\nBcc: everyone@example.com" },
      { ...recipient, to: "reader@example.com, other@example.com" },
      { ...recipient, to: "Reader <reader@example.com>" },
      { ...recipient, messageId: "<a@b>\r\nBcc: x@example.com" },
      { ...recipient, messageId: "no-at-sign" },
      { ...recipient, listUnsubscribe: { url: "https://x.example/u\r\nBcc: x@example.com" } },
      { ...recipient, listUnsubscribe: { url: "javascript:alert(1)" } },
      { ...recipient, listUnsubscribe: { url: unsubUrl, mailto: "u@x.example?subject=a&bcc=x@example.com" } },
      { ...recipient, listUnsubscribe: { url: unsubUrl, mailto: "u@x.example?subject=a%0D%0ABcc:x" } },
      { ...recipient, substitutions: { [PREFS]: prefsUrl } },
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        prepared.build(attempt);
      } catch (err) {
        error = err;
      }
      expect(error, JSON.stringify(attempt)).toBeInstanceOf(MailError);
      expect(error).toMatchObject({ kind: "permanent", code: "INVALID_MESSAGE" });
    }
  });
});
