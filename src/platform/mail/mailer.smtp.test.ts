import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from "../../../test/support/smtp-sink.js";
import { MailError } from "./mail.errors.js";
import type { MailMessage } from "./mail.message.js";
import { createMailer, type Mailer, type MailTimeouts } from "./mailer.js";

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function sink(options: SmtpSinkOptions = { keep: true }): Promise<SmtpSink> {
  const s = await startSmtpSink(options);
  opened.push(s);
  return s;
}

function mailer(smtpUrl: string, timeouts?: Partial<MailTimeouts>): Mailer {
  const m = createMailer(
    {
      smtpUrl,
      mailFrom: "London Daily <newsletters@london-daily.example>",
      smtpMaxConnections: 2,
      smtpRatePerSecond: 0,
      dataDir: "/nonexistent",
    },
    { timeouts: timeouts ?? {} },
  );
  opened.push(m);
  return m;
}

const edition: MailMessage = {
  to: "reader@example.com",
  subject: "Morning Headlines 📰 — £2bn plan for the Thames",
  html: "<p>Good morning. The <strong>£2bn</strong> plan…</p>",
  text: "Good morning. The £2bn plan…",
  listUnsubscribe: {
    url: "https://london-daily.example/newsletters/unsubscribe?t=abc",
    mailto: "unsub@london-daily.example?subject=unsubscribe%207.news.abc",
  },
  listId: { id: "morning-headlines.london-daily.example", name: "Morning Headlines" },
  messageId: "<edition-42.reader-7@london-daily.example>",
  headers: { "X-Edition": "42" },
};

describe("createMailer over SMTP", () => {
  it("delivers a message whose headers and both parts survive the trip", async () => {
    const server = await sink();
    const result = await mailer(server.url).send(edition);

    expect(result).toEqual({
      messageId: "<edition-42.reader-7@london-daily.example>",
      accepted: ["reader@example.com"],
      rejected: [],
    });
    expect(server.messages).toHaveLength(1);
    const raw = server.messages[0]!;
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe("<edition-42.reader-7@london-daily.example>");
    expect(parsed.date).toBeInstanceOf(Date);
    expect(Math.abs(parsed.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(parsed.subject).toBe(edition.subject);
    expect(parsed.from?.value).toEqual([{ name: "London Daily", address: "newsletters@london-daily.example" }]);
    expect(parsed.html).toContain("<strong>£2bn</strong>");
    expect(parsed.text?.trim()).toBe(edition.text);
    expect(parsed.headers.get("x-edition")).toBe("42");
    expect(parsed.headers.get("list")).toEqual({
      unsubscribe: {
        url: "https://london-daily.example/newsletters/unsubscribe?t=abc",
        mail: "unsub@london-daily.example?subject=unsubscribe%207.news.abc",
      },
      "unsubscribe-post": { name: "List-Unsubscribe=One-Click" },
      id: { id: "morning-headlines.london-daily.example", name: "Morning Headlines" },
    });
    const line = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, " ");
    expect(line("list-unsubscribe")).toBe(
      "List-Unsubscribe: <https://london-daily.example/newsletters/unsubscribe?t=abc>, <mailto:unsub@london-daily.example?subject=unsubscribe%207.news.abc>",
    );
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(line("list-id")).toBe('List-ID: "Morning Headlines" <morning-headlines.london-daily.example>');
    // The subject went out encoded (RFC 2047), not as raw UTF-8 in a header.
    const head = raw.subarray(0, raw.indexOf("\r\n\r\n")).toString("latin1");
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(head).not.toMatch(/X-Mailer/i);
  });

  it("calls a 4xx reply transient and a 5xx permanent, with the code and the command", async () => {
    const busy = await sink({ rejectRecipient: 451 });
    const err451 = await mailer(busy.url)
      .send(edition)
      .catch((e: unknown) => e);
    expect(err451).toBeInstanceOf(MailError);
    expect(err451).toMatchObject({ kind: "transient", responseCode: 451, command: "RCPT TO" });

    const unknown = await sink({ rejectRecipient: 550 });
    const err550 = await mailer(unknown.url)
      .send(edition)
      .catch((e: unknown) => e);
    expect(err550).toMatchObject({ kind: "permanent", responseCode: 550, command: "RCPT TO" });
  });

  it("sends prepared copies through the same pool, with the same result, errors and refusals", async () => {
    const server = await sink();
    const { to: _to, messageId: _id, listUnsubscribe: _l, ...shared } = edition;
    const prepared = await mailer(server.url).prepare({ ...shared, text: "Hi. Leave: SLOT", slots: ["SLOT"] });
    const copy = {
      to: "reader@example.com",
      messageId: "<edition-42.reader-7@london-daily.example>",
      listUnsubscribe: edition.listUnsubscribe!,
      substitutions: { SLOT: "https://london-daily.example/u?t=7" },
    };
    expect(await prepared.send(copy)).toEqual({
      messageId: "<edition-42.reader-7@london-daily.example>",
      accepted: ["reader@example.com"],
      rejected: [],
    });
    const parsed = await simpleParser(server.messages[0]!);
    expect(parsed.messageId).toBe("<edition-42.reader-7@london-daily.example>");
    expect(parsed.subject).toBe(edition.subject);
    expect(parsed.text).toBe("Hi. Leave: https://london-daily.example/u?t=7");
    expect(parsed.html).toBe(edition.html);
    expect(parsed.headers.get("list")).toMatchObject({ "unsubscribe-post": { name: "List-Unsubscribe=One-Click" } });

    await expect(prepared.send({ ...copy, to: "reader@example.com\r\nBcc: x@example.com" })).rejects.toMatchObject({
      kind: "permanent",
      code: "INVALID_MESSAGE",
    });
    expect(server.count).toBe(1);

    const unknown = await sink({ rejectRecipient: 550 });
    const bounced = await mailer(unknown.url).prepare({ ...shared, slots: [] });
    await expect(bounced.send(copy)).rejects.toMatchObject({
      kind: "permanent",
      responseCode: 550,
      command: "RCPT TO",
    });
  });

  it("gives up on a server that accepts the connection and never speaks, within the greeting timeout", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    opened.push({
      close: () => {
        for (const s of sockets) s.destroy();
        return new Promise<void>((resolve) => silent.close(() => resolve()));
      },
    });
    const { port } = silent.address() as AddressInfo;

    const started = Date.now();
    const err = await mailer(`smtp://127.0.0.1:${port}`, { greeting: 1000 })
      .send(edition)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "transient", code: "ETIMEDOUT" });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("gives up on a server that goes quiet after DATA, within the socket timeout", async () => {
    const hanging = await sink({ hangOnData: true });
    const started = Date.now();
    const err = await mailer(hanging.url, { socket: 1000 })
      .send(edition)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "transient", code: "ETIMEDOUT" });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("calls a refused connection transient", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const err = await mailer(`smtp://127.0.0.1:${port}`)
      .send(edition)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "transient" });
  });

  it("refuses header injection before anything reaches the server", async () => {
    const server = await sink();
    const m = mailer(server.url);
    const attempts: MailMessage[] = [
      { ...edition, to: "reader@example.com\r\nBcc: everyone@example.com" },
      { ...edition, to: "reader@example.com, other@example.com" },
      { ...edition, to: "Reader <reader@example.com>" },
      { ...edition, from: "Desk <desk@example.com>\nBcc: x@example.com" },
      { ...edition, subject: "Hello\r\nBcc: x@example.com" },
      { ...edition, headers: { "X-Campaign": "a\nBcc: x@example.com" } },
      { ...edition, headers: { Bcc: "x@example.com" } },
    ];
    for (const attempt of attempts) {
      await expect(m.send(attempt)).rejects.toMatchObject({ kind: "permanent", code: "INVALID_MESSAGE" });
    }
    expect(server.count).toBe(0);
  });
});
