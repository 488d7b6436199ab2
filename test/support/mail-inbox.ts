import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process that parses what arrives with a real mail parser
// (mailparser), so tests read headers, parts and links as a mail client would.

export interface MailInbox {
  url: string;
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Make the server answer the next messages to these addresses with an SMTP error. */
  reject: Map<string, { code: number; message: string }>;
  /**
   * After this many messages, stop answering DATA: later messages are never acknowledged, so by
   * SMTP's rules they were not delivered (a sender killed meanwhile must send them again).
   */
  pauseAfter: number;
  close(): Promise<void>;
}

/** `port`: listen there (a server that goes away and comes back at the same address); default any free one. */
export async function startMailInbox(options: { port?: number } = {}): Promise<MailInbox> {
  const messages: ParsedMail[] = [];
  const reject = new Map<string, { code: number; message: string }>();
  const waiters: (() => void)[] = [];
  const state = { pauseAfter: Infinity, accepted: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      const answer = reject.get(address.address.toLowerCase());
      if (!answer) return callback();
      const error = new Error(answer.message) as Error & { responseCode: number };
      error.responseCode = answer.code;
      return callback(error);
    },
    onData(stream, _session, callback) {
      if (state.accepted >= state.pauseAfter) {
        stream.resume();
        return; // never answered
      }
      state.accepted += 1;
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          for (const w of waiters.splice(0)) w();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    reject,
    get pauseAfter() {
      return state.pauseAfter;
    },
    set pauseAfter(n: number) {
      state.pauseAfter = n;
      state.accepted = messages.length;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
