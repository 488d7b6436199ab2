import { SMTPServer } from "smtp-server";

// A real SMTP server (smtp-server) that counts what each address received, as a mail relay would:
// a message counts once the server has answered its DATA with 250. `holdAfter(n)` stops answering
// DATA after n messages: those later ones are never acknowledged, so by SMTP's rules they were not
// delivered (RFC 5321 §4.1.1.4), and a sender killed meanwhile must send them again.

export interface CountingSmtp {
  url: string;
  /** Messages received, per address. */
  received: Map<string, number>;
  /** How many messages were accepted in all. */
  readonly accepted: number;
  holdAfter(n: number): void;
  /** Answers DATA again (held messages of senders still connected are then accepted). */
  release(): void;
  close(): Promise<void>;
}

export async function startCountingSmtp(): Promise<CountingSmtp> {
  const received = new Map<string, number>();
  let accepted = 0;
  let holdAt = Infinity;
  let held: (() => void)[] = [];
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        const accept = () => {
          accepted += 1;
          for (const to of session.envelope.rcptTo) received.set(to.address, (received.get(to.address) ?? 0) + 1);
          callback(null, "OK");
        };
        if (accepted < holdAt) return accept();
        // Held: answered only if the sender is still connected when released.
        held.push(() => {
          if (!closed.has(session.id)) accept();
        });
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  // A killed sender resets its connections: that is the test, not a failure of it.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = address && typeof address !== "string" ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get accepted() {
      return accepted;
    },
    holdAfter: (n) => (holdAt = n),
    release: () => {
      holdAt = Infinity;
      for (const answer of held.splice(0)) answer();
      held = [];
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
