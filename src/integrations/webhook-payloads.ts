import { z } from "zod";
import type { WebhookEventType } from "../platform/webhooks/event-types.js";
import { docSchema } from "./json-schema.js";

// What each webhook event carries (docs/adr/033, docs/webhooks.md): the Admin API's OpenAPI document
// lists them under `webhooks`, its reference page shows them, and the tests parse what a receiver
// got with them, so the documentation is the payload. Version 1: fields may be added, none removed.

const at = z.iso.datetime({ offset: true });
const id = z.number().int().positive();

const article = z
  .object({
    id,
    headline: z.string(),
    slug: z.string(),
    status: z.string().meta({ description: "draft, in_review, scheduled, published, unpublished" }),
    version: z.number().int(),
    publishedAt: at.nullable(),
  })
  .meta({ description: "The article as it is after the change." });
const note = z.object({ kind: z.enum(["update", "correction"]), text: z.string() });
const from = z.string().meta({ description: "The article's status before the change." });
const via = z
  .enum([
    "confirmation-link",
    "preferences",
    "unsubscribe-link",
    "unsubscribe-mail",
    "complaint",
    "newsroom",
    "admin-api",
    "import",
  ])
  .meta({
    description:
      "How it came: the reader's confirmation link, preferences page, unsubscribe link (or a mail client's " +
      "one-click) or unsubscribe mail; a complaint (spam report); the newsroom; an integration; an import with consent.",
  });
const subscriber = z.object({
  subscriberId: id,
  newsletter: z
    .string()
    .nullable()
    .meta({ description: "The newsletter's slug; null when the subscriber left every newsletter at once." }),
  via,
});

export const WEBHOOK_PAYLOADS = {
  "article.published": {
    summary: "An article is published (by a person, an integration or its schedule)",
    data: z.object({ article, from }),
  },
  "article.updated": {
    summary: "A published article's Update goes live, or an update note is added",
    data: z.object({ article, note: note.optional() }),
  },
  "article.unpublished": { summary: "A published article is taken down", data: z.object({ article, from }) },
  "article.deleted": { summary: "An article goes to the trash", data: z.object({ article, from }) },
  "article.correction_added": { summary: "A correction is added", data: z.object({ article, note }) },
  "live.entry_posted": {
    summary: "A live blog entry is posted for readers",
    data: z.object({
      articleId: id,
      entry: z.object({ id, title: z.string(), keyEvent: z.boolean(), postedAt: at }),
    }),
  },
  "newsletter.edition_sent": {
    summary: "An edition's send completes: nothing waits for another try (once per edition)",
    data: z.object({
      edition: z.object({
        id,
        newsletter: z.string().meta({ description: "The newsletter's slug." }),
        newsletterName: z.string(),
        editionDate: z
          .string()
          .meta({ description: "The edition's day (YYYY-MM-DD); a breaking-news alert's: the time it was raised." }),
        subject: z.string(),
        url: z.url().nullable().meta({ description: "The edition's public page; null for a breaking-news alert." }),
        articleId: id.nullable().meta({ description: "A breaking-news alert's story." }),
        sentAt: at,
      }),
      deliveries: z.object({
        delivered: z.number().int().meta({ description: "Copies the mail server accepted." }),
        failed: z.number().int().meta({ description: "Copies that failed for good." }),
      }),
    }),
  },
  "subscriber.confirmed": { summary: "A subscription is confirmed, by any path", data: subscriber },
  "subscriber.unsubscribed": { summary: "A subscription ends, by any path", data: subscriber },
  "video.ready": {
    summary: "A video can be played: its processing first finished, or it was taken as uploaded (once per video)",
    data: z.object({
      video: z.object({
        id,
        slug: z.string().meta({ description: "Its page is /video/<slug> once it is published." }),
        title: z.string(),
        durationSeconds: z.number(),
        width: z.number().int(),
        height: z.number().int(),
        published: z.boolean(),
      }),
    }),
  },
  "wire.item_received": {
    summary: "A new wire story is stored (not its later versions)",
    data: z.object({
      item: z.object({
        id,
        providerId: id,
        guid: z.string().meta({ description: "The agency's id for the story." }),
        version: z.number().int(),
        headline: z.string(),
        urgency: z.number().int().meta({ description: "1 (most urgent) to 9." }),
        pubStatus: z.enum(["usable", "canceled"]),
        embargoAt: at.nullable().meta({ description: "Nothing may be published before this time." }),
        url: z.url().nullable().meta({ description: "The agency's link, when it gave one." }),
        receivedAt: at,
      }),
    }),
  },
  "webhook.test": {
    summary: 'Sent by "Send a test" only, to one webhook, whatever it listens to',
    data: z.object({ message: z.string() }),
  },
} satisfies Record<WebhookEventType, { summary: string; data: z.ZodType }>;

/** The body of every delivery; `data` is the event's own. */
export const webhookEnvelope = (type: WebhookEventType) =>
  z.object({
    id: z.string().meta({ description: "The event's id (evt_…): the same on every delivery of it." }),
    type: z.literal(type),
    createdAt: at,
    data: WEBHOOK_PAYLOADS[type].data,
  });

const header = (name: string, description: string) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
});

/** The `webhooks` of the Admin API's OpenAPI 3.1 document: one POST each event makes to a receiver. */
export function webhookOperations() {
  const types = Object.keys(WEBHOOK_PAYLOADS) as WebhookEventType[];
  return Object.fromEntries(
    types.map((type) => {
      const schema = docSchema(webhookEnvelope(type), "output");
      return [
        type,
        {
          post: {
            operationId: `webhook-${type.replace(/[._]/g, "-")}`,
            summary: WEBHOOK_PAYLOADS[type].summary,
            parameters: [
              header("London-Daily-Signature", "t=<unix seconds>,v1=<hex HMAC-SHA256 of `t.body` with the secret>"),
              header("London-Daily-Event", "The event's type, as in the body"),
              header("London-Daily-Delivery", "The delivery's id: each attempt of one delivery has the same"),
            ],
            requestBody: { required: true, content: { "application/json": { schema } } },
            responses: {
              "2XX": { description: "Received. Any other answer, or none within 10 s, is tried again for 24 hours." },
            },
          },
        },
      ];
    }),
  );
}
