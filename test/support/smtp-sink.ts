import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

/** A real SMTP server on a random loopback port, in-process, for the mail tests. */
export interface SmtpSink {
  url: string;
  /** Raw messages received, when `keep` is on. */
  messages: Buffer[];
  /** Each kept message's envelope: MAIL FROM and RCPT TO, as the server saw them. */
  envelopes: { from: string; to: string[] }[];
  /** Messages received, kept or not. */
  count: number;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Keep each message's bytes (off for throughput runs). */
  keep?: boolean;
  /** Refuse every RCPT TO with this reply code (451 → try later, 550 → no such user). */
  rejectRecipient?: number;
  /** Never answer the end of DATA: a server that hangs mid-transaction. */
  hangOnData?: boolean;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sink: SmtpSink = { url: "", messages: [], envelopes: [], count: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    // No TLS in tests: the sink would offer STARTTLS with a self-signed certificate otherwise.
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onRcptTo(_address, _session, callback) {
      if (!options.rejectRecipient) return callback();
      const err = Object.assign(new Error(options.rejectRecipient >= 500 ? "No such user" : "Try again later"), {
        responseCode: options.rejectRecipient,
      });
      callback(err);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (options.keep) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (options.hangOnData) return;
        sink.count++;
        if (options.keep) {
          sink.messages.push(Buffer.concat(chunks));
          const { mailFrom, rcptTo } = session.envelope;
          sink.envelopes.push({ from: mailFrom ? mailFrom.address : "", to: rcptTo.map((r) => r.address) });
        }
        callback(null, "OK: queued");
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
