import type { Generated, Selectable } from "kysely";

export interface WireProviderTable {
  id: Generated<number>;
  name: string;
  source_kind: "http" | "folder" | "email";
  source: string;
  format: string;
  auth_kind: Generated<"none" | "basic" | "bearer">;
  auth_secret: string | null;
  interval_seconds: Generated<number>;
  section_id: number | null;
  default_urgency: number | null;
  enabled: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string;
  failures: Generated<number>;
  running_until: string | null;
  quiet_since: string | null;
  last_run_at: string | null;
  last_success_at: string | null;
  last_item_at: string | null;
  last_error: string | null;
  created_at: string;
}
export type WireProviderRow = Selectable<WireProviderTable>;

export interface WireItemTable {
  id: Generated<number>;
  provider_id: number;
  guid: string;
  version: number;
  version_at: string | null;
  headline: string;
  standfirst: string;
  byline: string;
  credit: string;
  body: string;
  text: string;
  urgency: number;
  pub_status: "usable" | "canceled";
  embargo_at: string | null;
  url: string | null;
  subjects: string;
  images: string;
  section_id: number | null;
  received_at: string;
  updated_at: string;
  killed_at: string | null;
}
export type WireItemRow = Selectable<WireItemTable>;

export interface WireItemVersionTable {
  item_id: number;
  version: number;
  headline: string;
  standfirst: string;
  text: string;
  pub_status: string;
  received_at: string;
}

export interface WireUseTable {
  item_id: number;
  article_id: number;
  version: number;
  used_by: number | null;
  used_at: string;
}
