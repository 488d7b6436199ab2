import type { Generated } from "kysely";

/** A registered webhook (docs/adr/033). */
export interface WebhookTable {
  id: Generated<number>;
  name: string;
  url: string;
  /** JSON array of event types (webhook.schemas.ts). */
  events: string;
  /** The HMAC key its deliveries are signed with; kept as given, since signing needs it. */
  secret: string;
  enabled: Generated<number>;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

/** Something that happened, recorded in the transaction of the change that caused it. */
export interface WebhookEventTable {
  id: Generated<number>;
  type: string;
  /** Deliveries of one lane ("article:12") go out in event order. */
  lane: string;
  data: string;
  at: string;
}

export type DeliveryStatus = "pending" | "sending" | "delivered" | "failed";

export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: number;
  lane: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  sending_until: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  duration_ms: number | null;
  last_error: string | null;
  created_at: string;
  give_up_at: string;
  delivered_at: string | null;
}

export interface WebhookAllowedHostTable {
  host: string;
  created_at: string;
  created_by: number | null;
}

export interface WebhooksDatabase {
  webhooks: WebhookTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_allowed_hosts: WebhookAllowedHostTable;
}
