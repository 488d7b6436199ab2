import { z } from "zod";

// The events a webhook may subscribe to (docs/adr/033 lists where each is recorded). "webhook.test"
// is sent by "Send a test" only, to the one webhook, whatever it subscribed to.
export const WEBHOOK_EVENTS = [
  "article.published",
  "article.updated",
  "article.unpublished",
  "article.deleted",
  "article.correction_added",
  "live.entry_posted",
  "subscriber.confirmed",
  "subscriber.unsubscribed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";

const url = z
  .url({ protocol: /^https?$/, error: "Give an http or https address" })
  .max(2000)
  .refine((u) => !new URL(u).username && !new URL(u).password, "Put no user or password in the address");

export const webhookInput = z.strictObject({
  name: z.string().trim().min(1, "Name the webhook").max(80),
  url,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, "Choose at least one event")
    .transform((e) => [...new Set(e)]),
  /** The signing secret; one is made (and shown once) when none is given. */
  secret: z.string().min(16, "Use a secret of at least 16 characters").max(200).optional(),
  enabled: z.boolean().optional(),
});
export const webhookPatch = webhookInput.partial();

export const allowedHostInput = z.strictObject({
  host: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(253)
    .regex(/^[a-z0-9.:[\]-]+$/, "A host name or an address, without scheme or port"),
});
