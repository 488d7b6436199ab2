import { z } from "zod";
import { WEBHOOK_EVENTS } from "./event-types.js";

export { type WebhookEventType } from "./event-types.js";

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
