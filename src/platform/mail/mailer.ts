import path from "node:path";
import { Readable } from "node:stream";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Config } from "../config.js";
import { nodemailerDkim } from "./dkim.js";
import { classifyMailError } from "./mail.errors.js";
import { toSendMailOptions, type MailMessage } from "./mail.message.js";
import { outboxPath, writeFileAtomically } from "./outbox.js";
import { type PreparedMail, type PreparedRecipient, prepareMessage } from "./prepared-message.js";

export type MailerConfig = Pick<
  Config,
  "smtpUrl" | "mailFrom" | "smtpMaxConnections" | "smtpRatePerSecond" | "dataDir"
> &
  Partial<Pick<Config, "dkim" | "mailBounceAddress">>;

/** What the mailer logs through; a pino or Fastify logger fits. */
export interface MailLogger {
  info(obj: object, msg: string): void;
}

/** Milliseconds. Defaults make a dead or hanging server fail in seconds, never in nodemailer's minutes. */
export interface MailTimeouts {
  /** TCP (and implicit TLS) connection established. */
  connection: number;
  /** The server's 220 greeting after connecting. */
  greeting: number;
  /** Silence on an open connection, e.g. waiting for a reply to DATA. */
  socket: number;
}

export const defaultMailTimeouts: MailTimeouts = { connection: 10_000, greeting: 10_000, socket: 30_000 };

export interface SendResult {
  /** The Message-ID header as sent, angle brackets included. */
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The .eml file, when the mailer writes to the file outbox. */
  location?: string;
}

export interface Mailer {
  readonly transport: "smtp" | "outbox";
  /** Resolves once the server accepted the message (or the file is in place); rejects with a MailError. */
  send(message: MailMessage): Promise<SendResult>;
  /**
   * One message for many recipients (a newsletter edition): the shared fields are checked and their headers
   * built once; each `send` checks only that recipient's fields and writes their copy from strings.
   */
  prepare(mail: PreparedMail): Promise<PreparedSend>;
  /** Waits for the sends already started, then closes the SMTP connections. */
  close(): Promise<void>;
}

export interface PreparedSend {
  /** Like `Mailer.send` for one recipient's copy: same transport, errors and outbox. */
  send(recipient: PreparedRecipient): Promise<SendResult>;
}

// Connections are recycled after this many messages: some providers cap messages per session, and a fresh
// connection bounds what one slow or failed session can hold up.
const MESSAGES_PER_CONNECTION = 100;

export function createMailer(
  config: MailerConfig,
  options: { logger?: MailLogger; timeouts?: Partial<MailTimeouts> } = {},
): Mailer {
  const send = config.smtpUrl
    ? smtpSender(config.smtpUrl, config, { ...defaultMailTimeouts, ...options.timeouts })
    : outboxSender(path.join(config.dataDir, "outbox"), config, options.logger);
  const pending = new Set<Promise<unknown>>();
  const track = async (build: () => SendMailOptions): Promise<SendResult> => {
    const sending = (async () => send.deliver(build()))();
    pending.add(sending);
    try {
      return await sending;
    } catch (err) {
      throw classifyMailError(err);
    } finally {
      pending.delete(sending);
    }
  };
  return {
    transport: config.smtpUrl ? "smtp" : "outbox",
    send: (message) => track(() => withBounceAddress(toSendMailOptions(message, config.mailFrom), config)),
    async prepare(mail) {
      const builder = await prepareMessage(mail, config.mailFrom, config.mailBounceAddress).catch((err: unknown) => {
        throw classifyMailError(err);
      });
      return { send: (recipient) => track(() => builder.build(recipient)) };
    },
    async close() {
      await Promise.allSettled([...pending]);
      send.close();
    },
  };
}

// MAIL FROM (RFC 5321 §4.5.5: where bounces go) is the bounce address when there is one; From stays as it is.
function withBounceAddress(options: SendMailOptions, config: MailerConfig): SendMailOptions {
  if (!config.mailBounceAddress) return options;
  return { ...options, envelope: { from: config.mailBounceAddress, to: [String(options.to)] } };
}

// Signing is the transport's last step, on the finished bytes, so composed and prepared (raw) messages are
// signed alike, and the outbox's .eml is what SMTP would carry, signature included.
const dkimOption = (config: MailerConfig) => (config.dkim ? { dkim: nodemailerDkim(config.dkim) } : {});

interface Sender {
  deliver(options: SendMailOptions): Promise<SendResult>;
  close(): void;
}

function smtpSender(url: string, config: MailerConfig, timeouts: MailTimeouts): Sender {
  // The URL decides host, port, credentials and TLS: smtps:// is TLS from the first byte; smtp:// upgrades with
  // STARTTLS when the server offers it (?requireTLS=true insists, ?ignoreTLS=true never tries).
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: config.smtpMaxConnections,
    maxMessages: MESSAGES_PER_CONNECTION,
    ...(config.smtpRatePerSecond > 0 ? { rateDelta: 1000, rateLimit: config.smtpRatePerSecond } : {}),
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    dnsTimeout: timeouts.connection,
    logger: false,
    ...dkimOption(config),
  });
  return {
    async deliver(options) {
      const info = await transporter.sendMail(options);
      return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    },
    close: () => transporter.close(),
  };
}

function outboxSender(outboxDir: string, config: MailerConfig, logger: MailLogger | undefined): Sender {
  // nodemailer's stream transport builds the same RFC 5322 message SMTP would carry (MailComposer: encoded
  // headers, multipart/alternative, CRLF line ends; or a prepared copy as given) and hands it over as a stream
  // instead of sending it.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: false, ...dkimOption(config) });
  return {
    async deliver(options) {
      const info = await composer.sendMail(options);
      const location = outboxPath(outboxDir, info.messageId);
      const message = info.message instanceof Readable ? info.message : Readable.from([info.message]);
      await writeFileAtomically(location, message);
      logger?.info({ messageId: info.messageId, location }, "mail written to the outbox");
      return { messageId: info.messageId, accepted: info.envelope.to.map(String), rejected: [], location };
    },
    close: () => composer.close(),
  };
}
