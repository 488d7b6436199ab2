import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../test/support/smtp-sink.js";
import { dkimTxtRecord, generateDkimKeyPair } from "./dkim.js";
import { createMailer, type MailerConfig } from "./mailer.js";

// An independent verifier: mailauth (Postal Systems), given our public key in place of DNS. A devDependency
// (mailauth 4.13.3, the last line that runs on Node 20); required through createRequire so that NODE_PATH can
// point at a copy installed elsewhere.
type DkimVerify = (
  message: Buffer,
  options: { resolver: (name: string, type: string) => Promise<string[][]> },
) => Promise<{ results: { signingDomain: string; selector: string; status: { result: string; comment?: string } }[] }>;
const { dkimVerify } = createRequire(import.meta.url)("mailauth/lib/dkim/verify") as { dkimVerify: DkimVerify };

const keys = generateDkimKeyPair();
const dkim = { domain: "london-daily.example", selector: "ld2026", privateKey: keys.privateKey };
const dns = async (name: string, type: string) => {
  if (type === "TXT" && name === "ld2026._domainkey.london-daily.example") return [[dkimTxtRecord(keys.publicKey)]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: "ENOTFOUND" });
};
const verify = async (message: Buffer) => (await dkimVerify(message, { resolver: dns })).results;

let sink: SmtpSink;
let outbox: string;
beforeAll(async () => {
  sink = await startSmtpSink({ keep: true });
  outbox = await mkdtemp(path.join(os.tmpdir(), "ld-dkim-"));
});
afterAll(async () => {
  await sink.close();
  await rm(outbox, { recursive: true, force: true });
});

const config = (over: Partial<MailerConfig> = {}): MailerConfig => ({
  smtpUrl: sink.url,
  mailFrom: "London Daily <newsletters@london-daily.example>",
  smtpMaxConnections: 1,
  smtpRatePerSecond: 0,
  dataDir: outbox,
  dkim,
  ...over,
});

const listUnsubscribe = {
  url: "https://london-daily.example/newsletters/unsubscribe?t=abc",
  mailto: "unsubscribe@london-daily.example?subject=unsubscribe%207.news.abc",
};

describe("DKIM signing", () => {
  it("signs a composed message (a confirmation) so that an independent verifier passes it", async () => {
    const mailer = createMailer(config());
    await mailer.send({
      to: "reader@example.com",
      subject: "Confirm your subscription — £ and 📰",
      html: "<p>Confirm</p>",
      text: "Confirm\n.\nFrom here",
    });
    await mailer.close();
    const [result] = await verify(sink.messages.at(-1)!);
    expect(result).toMatchObject({
      signingDomain: "london-daily.example",
      selector: "ld2026",
      status: { result: "pass" },
    });
  });

  it("signs each prepared copy (the newsletter fast path), covering List-Unsubscribe, its -Post and Feedback-ID", async () => {
    const mailer = createMailer(config());
    const edition = await mailer.prepare({
      subject: "Morning Headlines",
      html: "<p>Hello {{U}}</p>",
      text: "Hello {{U}}",
      slots: ["{{U}}"],
      listId: { id: "morning-headlines.london-daily.example", name: "Morning Headlines" },
      headers: { "Feedback-ID": "42:morning-headlines:london-daily" },
    });
    await edition.send({
      to: "reader@example.com",
      messageId: "<morning-headlines.2026-12-07.7@london-daily.example>",
      listUnsubscribe,
      substitutions: { "{{U}}": "https://london-daily.example/u?t=1&x=2" },
    });
    await mailer.close();
    const raw = sink.messages.at(-1)!;
    const [result] = await verify(raw);
    expect(result?.status.result).toBe("pass");
    const header = /^DKIM-Signature:([^]*?)(?=\r\n\S)/m.exec(raw.toString())?.[1] ?? "";
    const signed = /(?:^|;)h=([^;]+)/.exec(header.replace(/\s+/g, ""))?.[1]?.toLowerCase().split(":") ?? [];
    expect(signed).toEqual(
      expect.arrayContaining(["from", "to", "subject", "list-unsubscribe", "list-unsubscribe-post", "feedback-id"]),
    );
  });

  it("fails verification when the message is changed after signing (the test can tell)", async () => {
    const mailer = createMailer(config());
    await mailer.send({ to: "reader@example.com", subject: "Reset your password", html: "<p>x</p>", text: "x" });
    await mailer.close();
    const tampered = Buffer.from(sink.messages.at(-1)!.toString().replace("Reset your password", "Reset your pass"));
    const [result] = await verify(tampered);
    expect(result?.status.result).toBe("fail");
  });

  it("signs what the file outbox writes too", async () => {
    const mailer = createMailer(config({ smtpUrl: undefined }));
    const { location } = await mailer.send({ to: "r@example.com", subject: "Outbox", html: "<p>o</p>", text: "o" });
    await mailer.close();
    const [result] = await verify(await readFile(location!));
    expect(result?.status.result).toBe("pass");
  });

  it("sends unsigned when no key is configured", async () => {
    const mailer = createMailer(config({ dkim: undefined }));
    await mailer.send({ to: "reader@example.com", subject: "Plain", html: "<p>p</p>", text: "p" });
    await mailer.close();
    expect(sink.messages.at(-1)!.toString()).not.toMatch(/^DKIM-Signature:/im);
  });
});
