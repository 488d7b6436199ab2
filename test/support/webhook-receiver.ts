import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { webhookEnvelope } from "../../src/integrations/webhook-payloads.js";
import type { WebhookEventType } from "../../src/platform/webhooks/event-types.js";
import { SIGNATURE_HEADER, verifySignature } from "../../src/platform/webhooks/signature.js";
import type { SignedIn } from "./newsroom-session.js";

// A webhook receiver on a loopback port, the stand-in for a publisher's own system: it keeps every
// delivery with whether its signature checked out (as docs/webhooks.md tells a receiver to check it).

export const RECEIVER_SECRET = "a-receiver-secret-of-enough-length";

export interface ReceivedEvent {
  id: string;
  type: string;
  createdAt: string;
  /** The payload as sent: each test reads the fields of its own event. */
  data: any;
  /** The London-Daily-Event header, which must name the same type as the body. */
  header: string;
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  events: ReceivedEvent[];
  /** The events of `type` received so far. */
  of(type: string): ReceivedEvent[];
  close(): Promise<void>;
}

/**
 * `nowS`: the clock the sender signs with (an injected one in tests), in Unix seconds; `secret`: the
 * webhook's signing secret (one the newsroom made is known only once it has been shown).
 */
export async function startWebhookReceiver(
  nowS: () => number = () => Date.now() / 1000,
  secret: () => string = () => RECEIVER_SECRET,
): Promise<WebhookReceiver> {
  const events: ReceivedEvent[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as Omit<ReceivedEvent, "verified" | "header">;
      const signature = String(req.headers[SIGNATURE_HEADER] ?? "");
      events.push({
        ...event,
        header: String(req.headers["london-daily-event"]),
        verified: verifySignature(secret(), signature, body, Math.floor(nowS())),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    events,
    of: (type) => events.filter((e) => e.type === type),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Whether an event is exactly as documented: its body parses with its payload schema (the one the
 * Admin API's reference shows) and nothing is left over that the schema does not name.
 */
export function documented(event: Pick<ReceivedEvent, "id" | "type" | "createdAt" | "data">): boolean {
  const { id, type, createdAt, data } = event;
  const body = { id, type, createdAt, data };
  const parsed = webhookEnvelope(type as WebhookEventType).safeParse(body);
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(body);
}

/** An admin allows 127.0.0.1 (as the app requires for a loopback receiver) and registers the webhook. */
export async function registerWebhook(
  app: FastifyInstance,
  admin: SignedIn,
  receiver: WebhookReceiver,
  events: string[],
): Promise<number> {
  const allowed = await app.inject({
    method: "POST",
    url: "/api/newsroom/webhooks/allowed-hosts",
    headers: admin.headers,
    payload: { host: "127.0.0.1" },
  });
  if (allowed.statusCode !== 201 && allowed.statusCode !== 200) throw new Error(allowed.body);
  const created = await app.inject({
    method: "POST",
    url: "/api/newsroom/webhooks",
    headers: admin.headers,
    payload: { name: "Receiver", url: receiver.url, events, secret: RECEIVER_SECRET },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json<{ id: number }>().id;
}
