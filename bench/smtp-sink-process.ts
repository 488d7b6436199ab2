import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

// The SMTP sink of `npm run bench:newsletter`, in its own process so counting never competes with the
// sender's event loop: it answers 250 as soon as a message ends, keeps no bodies, and counts messages,
// distinct Message-IDs and messages per recipient. It prints {"smtp":port,"http":port} on stdout, then
// serves GET /stats (the counts) and POST /reset (forget everything) on loopback.

let messages = 0;
const ids = new Map<string, number>();
const recipients = new Map<string, number>();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 200,
  onData(stream: SMTPServerDataStream, session, callback) {
    // The Message-ID is in the header, which ends at the first empty line: look only there.
    let head = "";
    let inHead = true;
    stream.on("data", (chunk: Buffer) => {
      if (!inHead) return;
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end >= 0) {
        head = head.slice(0, end);
        inHead = false;
      }
    });
    stream.on("end", () => {
      messages++;
      const id = /^message-id:\s*(<[^>\r\n]*>)/im.exec(head)?.[1] ?? `(none ${messages})`;
      ids.set(id, (ids.get(id) ?? 0) + 1);
      for (const rcpt of session.envelope.rcptTo) {
        recipients.set(rcpt.address, (recipients.get(rcpt.address) ?? 0) + 1);
      }
      callback(null, "OK: queued");
    });
  },
});

function stats() {
  let duplicateIds = 0;
  for (const n of ids.values()) if (n > 1) duplicateIds += n - 1;
  let recipientsTwiceOrMore = 0;
  for (const n of recipients.values()) if (n > 1) recipientsTwiceOrMore++;
  return {
    messages,
    distinctMessageIds: ids.size,
    duplicateIds,
    distinctRecipients: recipients.size,
    recipientsTwiceOrMore,
  };
}

const control = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === "/reset") {
    messages = 0;
    ids.clear();
    recipients.clear();
    res.end("{}");
  } else if (req.url === "/count") {
    res.end(String(messages));
  } else {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(stats()));
  }
});

const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown }) =>
  new Promise<void>((resolve) => s.listen(0, "127.0.0.1", () => resolve()));
// A sender killed mid-message resets its connections; that is the test, not a reason to stop counting.
server.on("error", () => undefined);
await listen(server);
await listen(control);
const smtp = (server.server.address() as AddressInfo).port;
const httpPort = (control.address() as AddressInfo).port;
process.stdout.write(`${JSON.stringify({ smtp, http: httpPort })}\n`);
process.on("SIGTERM", () => {
  control.close();
  server.close(() => process.exit(0));
});
