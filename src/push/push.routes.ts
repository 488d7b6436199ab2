import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../database.js";
import { PUBLIC_DIR } from "../pages/assets.js";
import { AppError } from "../platform/errors.js";
import { parseInput } from "../platform/http/parse-input.js";
import { deleteSubscription, saveSubscription } from "./push.queries.js";
import type { VapidKeys } from "./vapid-keys.js";

// What a reader's browser calls to opt in and out of breaking-news notifications (docs/adr/035):
// the site's VAPID public key, a subscription to store or forget, and the service worker. Only
// subscriptions at a known push service are stored: we make requests to the endpoint, so an
// endpoint anyone could choose would let them make our servers call any address.

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "base64url");

export function subscriptionSchema(hosts: readonly string[]) {
  return z.object({
    endpoint: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine((v) => {
        const url = new URL(v);
        const host = url.hostname.toLowerCase();
        const known = hosts.some((h) => host === h || host.endsWith(`.${h}`));
        // Plain http only for a push service on this machine (a local test service).
        return known && (url.protocol === "https:" || host === "127.0.0.1" || host === "localhost");
      }, "Not a push service this site sends to"),
    keys: z.strictObject({
      // An uncompressed P-256 point is 65 bytes (87 base64url characters); the auth secret 16 (22).
      p256dh: base64url.min(80).max(100),
      auth: base64url.min(16).max(32),
    }),
  });
}

const unsubscribeBody = z.strictObject({ endpoint: z.string().max(2000) });

export function registerPushRoutes(
  app: FastifyInstance,
  deps: { db: Db; now: () => Date; keys: () => Promise<VapidKeys>; pushServiceHosts: readonly string[] },
): void {
  const subscription = subscriptionSchema(deps.pushServiceHosts);
  const worker = fs.readFileSync(path.join(PUBLIC_DIR, "push-sw.js"));

  app.get("/push/key", async (_req, reply) => {
    const { publicKey } = await deps.keys();
    return reply.header("cache-control", "public, max-age=300").send({ publicKey });
  });

  app.post("/push/subscriptions", async (req, reply) => {
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      throw new AppError("BAD_REQUEST", "Send the subscription as JSON");
    }
    const sub = parseInput(subscription, req.body);
    await saveSubscription(deps.db, { endpoint: sub.endpoint, ...sub.keys }, deps.now());
    return reply.status(201).header("cache-control", "no-store").send({ subscribed: true });
  });

  app.delete("/push/subscriptions", async (req, reply) => {
    const { endpoint } = parseInput(unsubscribeBody, req.body);
    await deleteSubscription(deps.db, endpoint);
    return reply.status(204).send();
  });

  // At the site's root so its scope could be the whole site; browsers revalidate it on each visit.
  app.get("/push-sw.js", async (_req, reply) =>
    reply.header("content-type", "text/javascript; charset=utf-8").header("cache-control", "no-cache").send(worker),
  );
}
