import type { Generated } from "kysely";

export type NewsletterKind = "daily" | "weekly" | "alert";

export interface NewsletterTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  kind: NewsletterKind;
  /** When editions go out, as cron in the newsroom's zone ("0 6 * * *"); alerts have none. */
  send_cron: string | null;
  status: Generated<"active" | "paused">;
  position: Generated<number>;
  created_at: string;
  /** A digest newsletter's source: stories from this section only (null: every section). */
  section_id: number | null;
  /** A digest newsletter's source: stories on this topic only. */
  tag_id: number | null;
  /** The Reply-To of its editions (an address); null: replies go to From. */
  reply_to: string | null;
}

export interface SubscriberTable {
  id: Generated<number>;
  /** Lower-cased, trimmed address. */
  email: string;
  /** unsubscribed: from everything, for good (never re-added by an import or a bounce reset). */
  status: Generated<"active" | "unsubscribed" | "bouncing">;
  /** 1 while the reader has paused all newsletters. */
  paused: Generated<number>;
  bounces: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionTable {
  subscriber_id: number;
  newsletter_id: number;
  status: Generated<"pending" | "confirmed" | "unsubscribed">;
  source: Generated<string>;
  /** How consent was given: "double-opt-in", or "import" when an importer asserted it. */
  consent: Generated<string>;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryTable {
  /** The edition, e.g. "morning-headlines/2026-11-29". */
  edition: string;
  subscriber_id: number;
  status: Generated<"queued" | "sent" | "failed" | "skipped">;
  attempts: Generated<number>;
  /** Set when queued and reused on every attempt, so a retried message is the same message. */
  message_id: string;
  last_error: string | null;
  /** When a waiting delivery is tried next (after a temporary failure); null: now. */
  retry_at: string | null;
  updated_at: string;
}

/** A bounce or complaint that came back after a delivery was accepted (docs/adr/018). */
export interface DeliveryReportTable {
  edition: string;
  subscriber_id: number;
  kind: "hard-bounce" | "soft-bounce" | "complaint";
  /** RFC 3463 status of a bounce (5.1.1), or a complaint's Feedback-Type (abuse). */
  status: string;
  detail: Generated<string>;
  received_at: string;
}

/** A reader who left a newsletter through the link of one edition (docs/adr/029). */
export interface EditionUnsubscribeTable {
  briefing_id: number;
  subscriber_id: number;
  unsubscribed_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}
