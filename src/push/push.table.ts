import type { Generated } from "kysely";

/** A reader's Push API subscription (docs/adr/035): where to send and the keys to encrypt for. */
export interface PushSubscriptionTable {
  id: Generated<number>;
  endpoint: string;
  /** The browser's P-256 public key and auth secret, base64url, as PushSubscription.toJSON() gives them. */
  p256dh: string;
  auth: string;
  created_at: string;
  last_sent_at: string | null;
}

/** Which notification (its key, e.g. "article-12") went to which subscription: sends are once. */
export interface PushSentTable {
  push_key: string;
  subscription_id: number;
  sent_at: string;
}

/** The site's VAPID key pair (id 1), made on first start. */
export interface PushKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: string;
}
