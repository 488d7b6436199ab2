// No zod here: the newsroom app in the browser imports this list.
// The events a webhook may subscribe to (docs/adr/033 lists where each is recorded, docs/webhooks.md
// their payloads). "webhook.test" is sent by "Send a test" only, to the one webhook, whatever it
// subscribed to.
export const WEBHOOK_EVENTS = [
  "article.published",
  "article.updated",
  "article.unpublished",
  "article.deleted",
  "article.correction_added",
  "live.entry_posted",
  "newsletter.edition_sent",
  "subscriber.confirmed",
  "subscriber.unsubscribed",
  "video.ready",
  "wire.item_received",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";
