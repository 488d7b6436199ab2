import type { Generated } from "kysely";

export interface NewsletterSubscriptionTable {
  id: Generated<number>;
  /** Lower-cased, trimmed address. */
  email: string;
  newsletter: string;
  status: Generated<"pending" | "confirmed" | "unsubscribed">;
  source: Generated<string>;
  created_at: string;
  updated_at: string;
}
