import type { Generated } from "kysely";

/** One person told of one workflow event (migration 0030). */
export interface NotificationTable {
  id: Generated<number>;
  event_id: number;
  user_id: number;
  article_id: number;
  kind: string;
  created_at: string;
  /** When the SMTP server accepted the email; null while it waits (or when `email` is 0). */
  emailed_at: string | null;
  /** 0 when the person had turned this kind of email off at the time of the event. */
  email: Generated<number>;
}

/** A person's choice for one kind of notification; no row means "email me". */
export interface NotificationSettingTable {
  user_id: number;
  kind: string;
  email: number;
}
