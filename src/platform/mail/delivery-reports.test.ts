import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readDeliveryReport } from "./delivery-reports.js";

const fixture = async (name: string, values: Record<string, string>) => {
  let text = await readFile(new URL(`../../../test/fixtures/mail/${name}`, import.meta.url), "utf8");
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text);
};
const common = { BOUNCE_ADDRESS: "bounces@news.example", MESSAGE_ID: "<morning-headlines.2026-12-07.7@news.example>" };

describe("readDeliveryReport", () => {
  it("reads a DSN's failed recipient, its status as hard or soft, and the returned Message-ID", async () => {
    const hard = await fixture("dsn.eml", {
      ...common,
      RECIPIENT: "Nobody@Example.net",
      STATUS: "5.1.1",
      DIAGNOSTIC: "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown",
    });
    expect(await readDeliveryReport(hard)).toEqual({
      kind: "bounce",
      messageId: "<morning-headlines.2026-12-07.7@news.example>",
      failed: [
        {
          recipient: "nobody@example.net",
          status: "5.1.1",
          severity: "hard",
          diagnostic: "smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown",
        },
      ],
    });
    const soft = await fixture("dsn.eml", {
      ...common,
      RECIPIENT: "full@example.net",
      STATUS: "4.2.2",
      DIAGNOSTIC: "452 4.2.2 Mailbox full",
    });
    expect((await readDeliveryReport(soft))?.kind === "bounce" && (await readDeliveryReport(soft))).toMatchObject({
      failed: [{ recipient: "full@example.net", status: "4.2.2", severity: "soft" }],
    });
  });

  it("reads an ARF complaint: its feedback type, the recipient and the returned Message-ID", async () => {
    const arf = await fixture("arf.eml", { ...common, RECIPIENT: "reader@example.net" });
    expect(await readDeliveryReport(arf)).toEqual({
      kind: "complaint",
      feedbackType: "abuse",
      recipient: "reader@example.net",
      messageId: "<morning-headlines.2026-12-07.7@news.example>",
      listUnsubscribe: undefined,
    });
  });

  it("is undefined for an ordinary message", async () => {
    const plain = Buffer.from("From: a@example.net\r\nTo: bounces@news.example\r\nSubject: hi\r\n\r\nHello\r\n");
    expect(await readDeliveryReport(plain)).toBeUndefined();
  });
});
