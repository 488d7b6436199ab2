import type { Db } from "../database.js";
import { MORNING_HEADLINES, briefingPath } from "../briefings/briefing.queries.js";
import { recordEvent } from "../platform/webhooks/webhook-events.js";
import { digestPath } from "./digest-edition.js";

export interface SentEdition {
  briefingId: number;
  newsletter: { slug: string; name: string };
  subject: string;
  /** The edition is a public page once sent (not a breaking-news alert). */
  publishesPage: boolean;
  siteUrl: string;
  deliveries: { delivered: number; failed: number };
}

/**
 * Marks a send complete (nothing waits any more) and, the first time, records
 * `newsletter.edition_sent` in the same transaction (docs/adr/033). A later send of the same edition
 * to subscribers added since (`send --now` on a sent edition) completes again but is not a new event.
 */
export async function markEditionSent(db: Db, edition: SentEdition, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("briefings")
      .select(["edition_date", "article_id", "sent_at"])
      .where("id", "=", edition.briefingId)
      .executeTakeFirst();
    const sentAt = now.toISOString();
    const marked = await trx
      .updateTable("briefings")
      .set({ send_status: "sent", sent_at: sentAt })
      .where("id", "=", edition.briefingId)
      .where("send_status", "=", "sending")
      .executeTakeFirst();
    if (!before || before.sent_at !== null || Number(marked.numUpdatedRows) !== 1) return;
    const { slug, name } = edition.newsletter;
    const path = slug === MORNING_HEADLINES ? briefingPath(before.edition_date) : digestPath(slug, before.edition_date);
    await recordEvent(
      trx,
      {
        type: "newsletter.edition_sent",
        lane: `newsletter:${slug}`,
        data: {
          edition: {
            id: edition.briefingId,
            newsletter: slug,
            newsletterName: name,
            editionDate: before.edition_date,
            subject: edition.subject,
            url: edition.publishesPage ? edition.siteUrl + path : null,
            articleId: before.article_id,
            sentAt,
          },
          deliveries: edition.deliveries,
        },
      },
      now,
    );
  });
}
