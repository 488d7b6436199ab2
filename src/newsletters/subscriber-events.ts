import type { Db } from "../database.js";
import { recordEvents } from "../platform/webhooks/webhook-events.js";

// The subscriber webhook events (docs/adr/033, payloads in docs/webhooks.md), recorded by every path
// that confirms or ends a subscription, in that change's transaction and the subscriber's lane. The
// payload names the subscriber by id only: the address never leaves in a webhook.

/** How the change came: the reader's own links and mail, a complaint, the newsroom, an integration, an import. */
export type SubscriberEventVia =
  | "confirmation-link"
  | "preferences"
  | "unsubscribe-link"
  | "unsubscribe-mail"
  | "complaint"
  | "newsroom"
  | "admin-api"
  | "import";

export interface SubscriberChange {
  type: "subscriber.confirmed" | "subscriber.unsubscribed";
  subscriberId: number;
  /** The newsletters whose subscription changed (one event each), or "all": one event, `newsletter: null`. */
  newsletters: number[] | "all";
  via: SubscriberEventVia;
}

export async function recordSubscriberEvents(trx: Db, changes: SubscriberChange[], now: Date): Promise<void> {
  const ids = [...new Set(changes.flatMap((c) => (c.newsletters === "all" ? [] : c.newsletters)))];
  const slugs = new Map(
    ids.length
      ? (await trx.selectFrom("newsletters").select(["id", "slug"]).where("id", "in", ids).execute()).map((n) => [
          n.id,
          n.slug,
        ])
      : [],
  );
  const events = changes.flatMap((change) =>
    (change.newsletters === "all" ? [null] : change.newsletters.map((id) => slugs.get(id) ?? null)).map(
      (newsletter) => ({
        type: change.type,
        lane: `subscriber:${change.subscriberId}`,
        data: { subscriberId: change.subscriberId, newsletter, via: change.via },
      }),
    ),
  );
  await recordEvents(trx, events, now);
}
