import type { Db } from "../../database.js";
import { recordEvent } from "../../platform/webhooks/webhook-events.js";
import type { WebhookEventType } from "../../platform/webhooks/webhook.schemas.js";

// The webhook events of an article (docs/adr/033), recorded in the transaction of the change, in
// the article's lane so that a receiver hears of one article's changes in the order they happened.
export async function recordArticleEvent(
  trx: Db,
  type: WebhookEventType,
  articleId: number,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const row = await trx
    .selectFrom("articles")
    .select(["id", "headline", "slug", "status", "version", "published_at"])
    .where("id", "=", articleId)
    .executeTakeFirstOrThrow();
  await recordEvent(
    trx,
    {
      type,
      lane: `article:${articleId}`,
      data: {
        article: {
          id: row.id,
          headline: row.headline,
          slug: row.slug,
          status: row.status,
          version: row.version,
          publishedAt: row.published_at,
        },
        ...extra,
      },
    },
    now,
  );
}
