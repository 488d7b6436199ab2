import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

// A small SMTP server that takes mail for a few mailboxes of our own (the unsubscribe address) and
// hands each message to the domain that owns the mailbox. It is the last hop, not a relay: any other
// recipient is refused at RCPT TO, so it can never be used to pass mail on.

/** One message as the owner of the mailbox reads it. */
export interface InboundMessage {
  /** The message as received, for readers that need more than subject and text (delivery reports). */
  raw: Buffer;
  /** The envelope recipient (one of `mailboxes`, lower-cased). */
  mailbox: string;
  /** Decoded Subject (RFC 2047 words read), "" when absent. */
  subject: string;
  /** The plain-text body (or the text mailparser makes from the HTML one), "" when absent. */
  text: string;
}

export interface InboundLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface InboundOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The addresses taken; any other RCPT TO is answered 550. */
  mailboxes: string[];
  /**
   * Does what the message asks. Resolving answers 250; throwing answers 451, so the sender's server
   * tries again later (for failures of our own, like a database that is down).
   */
  deliver(message: InboundMessage): Promise<void>;
  /** Largest message taken, in bytes; larger ones get 552 (RFC 1870). Default 64 KB. */
  maxBytes?: number;
  /** The name in the greeting and EHLO reply. */
  name?: string;
  logger: InboundLogger;
}

export interface InboundServer {
  /** The port listened on (the one chosen, when asked for 0). */
  port: number;
  /** Stops listening, lets open sessions finish for a few seconds, and waits for deliveries under way. */
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export async function startInboundServer(options: InboundOptions): Promise<InboundServer> {
  const mailboxes = new Set(options.mailboxes.map((m) => m.toLowerCase()));
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const pending = new Set<Promise<void>>();

  const receive = async (stream: SMTPServerDataStream, mailbox: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!stream.sizeExceeded) chunks.push(chunk);
    }
    // Refused with 552 by the server itself (rejectOversized); read to the end and nothing done.
    if (stream.sizeExceeded) return;
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    await options.deliver({ mailbox, raw, subject: parsed.subject ?? "", text: parsed.text ?? "" });
  };

  const server = new SMTPServer({
    name: options.name,
    size: maxBytes,
    rejectOversized: true,
    // Anyone may write to the mailboxes, so nobody signs in. No STARTTLS either: there is no
    // certificate to offer but smtp-server's built-in one, whose key is public; put a relay with a
    // real certificate in front when mail should arrive encrypted.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    maxClients: 50,
    maxRecipients: 10,
    socketTimeout: 30_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mailboxes.has(address.address.toLowerCase())) return callback();
      callback(smtpError(550, "No such mailbox here"));
    },
    onData(stream, session, callback) {
      const mailbox = session.envelope.rcptTo[0]?.address.toLowerCase() ?? "";
      const work = receive(stream, mailbox);
      pending.add(work);
      work
        .then(
          () => callback(null, "OK"),
          (err: unknown) => {
            options.logger.warn({ err, mailbox }, "inbound mail could not be handled; the sender will retry");
            stream.resume(); // whatever is left unread must still be read for the session to go on
            callback(smtpError(451, "Try again later"));
          },
        )
        .finally(() => pending.delete(work));
    },
  });
  server.on("error", (err) => options.logger.warn({ err }, "inbound SMTP error"));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  options.logger.info({ host: options.host, port, mailboxes: [...mailboxes] }, "inbound SMTP listening");

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...pending]);
    },
  };
}
