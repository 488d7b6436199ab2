import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { type InboundMessage, type InboundOptions, type InboundServer, startInboundServer } from "./inbound.js";

const opened: InboundServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const quiet = { info: () => {}, warn: () => {} };

async function listen(deliver: InboundOptions["deliver"]): Promise<InboundServer> {
  const server = await startInboundServer({
    host: "127.0.0.1",
    port: 0,
    mailboxes: ["Unsubscribe@L.example"],
    deliver,
    logger: quiet,
  });
  opened.push(server);
  return server;
}

const send = (port: number, mail: SendMailOptions) =>
  nodemailer
    .createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true })
    .sendMail({ from: "reader@example.org", to: "unsubscribe@l.example", ...mail });

describe("startInboundServer", () => {
  it("hands over the decoded subject and text of mail for its mailbox, whatever the case of the address", async () => {
    const received: InboundMessage[] = [];
    const server = await listen(async (m) => {
      received.push(m);
    });
    const sent = await send(server.port, {
      to: "UNSUBSCRIBE@l.example",
      subject: "Désabonner — unsubscribe 7",
      text: "first line\nsecond",
    });
    expect(sent.response).toMatch(/^250 /);
    expect(received).toEqual([
      {
        mailbox: "unsubscribe@l.example",
        subject: "Désabonner — unsubscribe 7",
        text: "first line\nsecond\n",
        raw: expect.any(Buffer),
      },
    ]);
    // the message as it came, for readers of reports (bounces, complaints) that need its parts
    expect(received[0]!.raw.toString()).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it("answers 451 when the delivery fails, so the sender tries again later", async () => {
    const server = await listen(async () => {
      throw new Error("database unavailable");
    });
    await expect(send(server.port, { subject: "unsubscribe", text: "x" })).rejects.toMatchObject({
      responseCode: 451,
    });
  });

  it("is the last hop only: no recipient but its own, no AUTH, and a size limit it announces", async () => {
    const server = await listen(async () => {});
    await expect(send(server.port, { to: "someone@example.com", subject: "relay me" })).rejects.toMatchObject({
      responseCode: 550,
    });
    const sent = await send(server.port, { subject: "s", text: "t" });
    expect(sent.ehlo).toContain("SIZE 65536");
    expect(sent.ehlo?.join(" ")).not.toMatch(/AUTH|STARTTLS/);
  });
});
