import { describe, expect, it } from "vitest";
import { isMailAddress, parseMailbox, toSendMailOptions, type MailMessage } from "./mail.message.js";

const from = "London Daily <newsletters@london-daily.example>";
const base: MailMessage = { to: "reader@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" };

const refusal = { name: "MailError", kind: "permanent", code: "INVALID_MESSAGE" };

describe("isMailAddress", () => {
  it("takes ordinary and internationalised addresses and nothing with a name, list or space", () => {
    for (const ok of ["a@b", "first.last+news@example.co.uk", "josé@correo.example", "o'neil@example.com"]) {
      expect(isMailAddress(ok), ok).toBe(true);
    }
    for (const bad of ["", "a", "@b", "a@", "a b@c", "a@b c", "<a@b>", "a@b, c@d", "a@b\r\n", "a..b@c", "a@-b.c"]) {
      expect(isMailAddress(bad), bad).toBe(false);
    }
  });
});

describe("parseMailbox", () => {
  it("reads a display name, quoted or not, and a bare address", () => {
    expect(parseMailbox("from", "London Daily <n@l.example>")).toEqual({
      name: "London Daily",
      address: "n@l.example",
    });
    expect(parseMailbox("from", '"Daily, \\"Inc.\\"" <n@l.example>')).toEqual({
      name: 'Daily, "Inc."',
      address: "n@l.example",
    });
    expect(parseMailbox("from", "n@l.example")).toEqual({ name: "", address: "n@l.example" });
    expect(() => parseMailbox("from", "London Daily")).toThrow(expect.objectContaining(refusal));
  });
});

describe("toSendMailOptions", () => {
  it("uses the default sender, normalises the Message-ID and leaves nodemailer no file or URL access", () => {
    const options = toSendMailOptions({ ...base, messageId: "reset-9@london-daily.example" }, from);
    expect(options).toMatchObject({
      to: "reader@example.com",
      from: { name: "London Daily", address: "newsletters@london-daily.example" },
      messageId: "<reset-9@london-daily.example>",
      disableFileAccess: true,
      disableUrlAccess: true,
      xMailer: false,
    });
    expect(options.list).toBeUndefined();
  });

  it("offers one-click unsubscribe only for an https address (RFC 8058)", () => {
    const https = toSendMailOptions({ ...base, listUnsubscribe: { url: "https://l.example/u?t=1" } }, from);
    expect(https.headers).toEqual({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(https.list).toEqual({ unsubscribe: [["https://l.example/u?t=1"]] });
    const http = toSendMailOptions({ ...base, listUnsubscribe: { url: "http://localhost:3000/u?t=1" } }, from);
    expect(http.headers).toEqual({});
    expect(() => toSendMailOptions({ ...base, listUnsubscribe: { url: "javascript:alert(1)" } }, from)).toThrow(
      expect.objectContaining(refusal),
    );
  });

  it("offers a mailto with an RFC 6068 subject beside the URL, and nothing else in the query", () => {
    const url = "https://l.example/u?t=1";
    const withSubject = toSendMailOptions(
      { ...base, listUnsubscribe: { url, mailto: "unsubscribe@l.example?subject=unsubscribe%2042.news.Ab_-9" } },
      from,
    );
    expect(withSubject.list).toEqual({
      unsubscribe: [[url, "mailto:unsubscribe@l.example?subject=unsubscribe%2042.news.Ab_-9"]],
    });
    const bare = toSendMailOptions({ ...base, listUnsubscribe: { url, mailto: "unsubscribe@l.example" } }, from);
    expect(bare.list).toEqual({ unsubscribe: [[url, "mailto:unsubscribe@l.example"]] });
    for (const mailto of [
      "unsubscribe@l.example?subject=unsubscribe 42",
      "unsubscribe@l.example?subject=a&bcc=x@y.example",
      "unsubscribe@l.example?body=unsubscribe",
      "unsubscribe@l.example?subject=",
      "unsubscribe@l.example?subject=a%0D%0ABcc:%20x@y.example",
      "unsubscribe@l.example?subject=%0Abcc",
      "unsubscribe@l.example?subject=%E2%28",
      "unsubscribe@l.example?subject=a%2",
      "unsubscribe@l.example?subject=<x>",
      "unsubscribe@l.example>,<mailto:x@y.example",
      "un?subscribe@l.example",
      "un%subscribe@l.example",
      "josé@l.example",
      " unsubscribe@l.example",
      "unsubscribe@l.example?subject=a\r\nBcc: x@y.example",
    ]) {
      expect(() => toSendMailOptions({ ...base, listUnsubscribe: { url, mailto } }, from), mailto).toThrow(
        expect.objectContaining(refusal),
      );
    }
  });

  it("refuses line breaks in every header-bound field, and headers the mailer sets itself", () => {
    const bad: Array<Partial<MailMessage>> = [
      { to: "a@b.example\nBcc: c@d.example" },
      { to: "a@b.example, c@d.example" },
      { from: "X <x@y.example>\r\nBcc: c@d.example" },
      { replyTo: "desk@l.example\rBcc: c@d.example" },
      { subject: "Hi\nBcc: c@d.example" },
      { subject: "Hi\0" },
      { headers: { "X-Tag": "a\r\nBcc: c@d.example" } },
      { headers: { "X-Tag\r\nBcc": "c@d.example" } },
      { headers: { "Bad Name": "x" } },
      { headers: { "content-type": "text/plain" } },
      { headers: { "List-Unsubscribe": "<https://evil.example>" } },
      { messageId: "<a@b>\r\nBcc: c@d.example" },
      { messageId: "no-at-sign" },
      { listUnsubscribe: { url: "https://l.example/u\r\nBcc: c@d.example" } },
      { listUnsubscribe: { url: "https://l.example/u", mailto: "x@y.example?bcc=z@w.example" } },
      { listId: { id: "news\nBcc: c@d.example" } },
      { listId: { id: "no-dot" } },
      { listId: { id: "news.l.example", name: "News\nBcc: c@d.example" } },
    ];
    for (const change of bad) {
      expect(() => toSendMailOptions({ ...base, ...change }, from), JSON.stringify(change)).toThrow(
        expect.objectContaining(refusal),
      );
    }
  });

  it("refuses a bad MAIL_FROM at send time rather than passing it on", () => {
    expect(() => toSendMailOptions(base, "newsletters")).toThrow(expect.objectContaining(refusal));
  });
});
