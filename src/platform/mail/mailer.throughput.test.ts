import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../test/support/smtp-sink.js";
import { createMailer } from "./mailer.js";

// A smoke test, not a benchmark: the SMTP sink shares this process (and its CPU) with the mailer, and the
// machine is shared. The printed figure is the thing to read; the floor only catches a collapse.
const MESSAGES = 2_000;
const IN_FLIGHT = 50; // as a sending job would: a bounded window, never the whole list at once

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describe("throughput through the SMTP pool", () => {
  it(`sends ${MESSAGES} messages over pooled connections`, { timeout: 60_000 }, async () => {
    const mailer = createMailer({
      smtpUrl: sink.url,
      mailFrom: "London Daily <newsletters@london-daily.example>",
      smtpMaxConnections: 5,
      smtpRatePerSecond: 0,
      dataDir: "/nonexistent",
    });
    const html = `<h1>Morning Headlines</h1>${"<p>A paragraph of today's news, with a £ and an emoji 📰.</p>".repeat(150)}`;
    const text = "A paragraph of today's news.\n".repeat(150);
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < MESSAGES; i = next++) {
        await mailer.send({
          to: `reader-${i}@example.com`,
          subject: `Morning Headlines for reader ${i}`,
          html,
          text,
          listUnsubscribe: { url: `https://london-daily.example/u?r=${i}` },
          messageId: `<edition-1.reader-${i}@london-daily.example>`,
        });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    await mailer.close();

    const rate = MESSAGES / seconds;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    console.log(
      `mail throughput: ${MESSAGES} messages (${Math.round(html.length / 1024)} KB html) in ${seconds.toFixed(2)} s = ` +
        `${Math.round(rate)} messages/s; rss ${Math.round(rssMb)} MB`,
    );
    expect(sink.count).toBe(MESSAGES);
    expect(rate).toBeGreaterThan(50);
  });
});
