import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../test/support/smtp-sink.js";
import { createMailer, type MailerConfig } from "./mailer.js";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ keep: true });
});
afterAll(() => sink.close());

const config = (over: Partial<MailerConfig> = {}): MailerConfig => ({
  smtpUrl: sink.url,
  mailFrom: "London Daily <newsletters@london-daily.example>",
  smtpMaxConnections: 1,
  smtpRatePerSecond: 0,
  dataDir: "/nonexistent",
  mailBounceAddress: "bounces@london-daily.example",
  ...over,
});

describe("the envelope sender (MAIL_BOUNCE_ADDRESS)", () => {
  it("is MAIL FROM of a prepared newsletter copy, while the From header stays the newsletter's", async () => {
    const mailer = createMailer(config());
    const edition = await mailer.prepare({ subject: "Morning Headlines", html: "<p>h</p>", text: "h" });
    await edition.send({ to: "reader@example.com", messageId: "<mh.2026-12-07.7@london-daily.example>" });
    await mailer.close();
    expect(sink.envelopes.at(-1)).toEqual({ from: "bounces@london-daily.example", to: ["reader@example.com"] });
    const parsed = await simpleParser(sink.messages.at(-1)!);
    expect(parsed.from?.text).toBe('"London Daily" <newsletters@london-daily.example>');
  });

  it("is MAIL FROM of one-off mail too (confirmations, alerts' test sends, account email)", async () => {
    const mailer = createMailer(config());
    await mailer.send({ to: "new@example.com", subject: "Confirm", html: "<p>c</p>", text: "c" });
    await mailer.close();
    expect(sink.envelopes.at(-1)).toEqual({ from: "bounces@london-daily.example", to: ["new@example.com"] });
    expect((await simpleParser(sink.messages.at(-1)!)).from?.value[0]?.address).toBe(
      "newsletters@london-daily.example",
    );
  });

  it("is the From address when none is configured", async () => {
    const mailer = createMailer(config({ mailBounceAddress: undefined }));
    await mailer.send({ to: "new@example.com", subject: "Confirm", html: "<p>c</p>", text: "c" });
    const edition = await mailer.prepare({ subject: "MH", html: "<p>h</p>", text: "h" });
    await edition.send({ to: "reader@example.com", messageId: "<mh.x.8@london-daily.example>" });
    await mailer.close();
    expect(sink.envelopes.slice(-2).map((e) => e.from)).toEqual([
      "newsletters@london-daily.example",
      "newsletters@london-daily.example",
    ]);
  });
});
