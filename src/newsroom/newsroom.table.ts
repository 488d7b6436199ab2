import type { Generated, Selectable } from "kysely";
import type { Role } from "../platform/admin/permissions.js";

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type UserRow = Selectable<UserTable>;

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

/** A fixed-window sign-in counter (auth/sign-in-limits.ts). */
export interface LoginCounterTable {
  key: string;
  window_start: string;
  count: number;
}

/** A network (/24, /64) an account has signed in from. */
export interface LoginNetworkTable {
  user_id: number;
  network: string;
  last_used_at: string;
}

export interface AuthTokenTable {
  token_hash: string;
  kind: "reset" | "invite";
  user_id: number | null;
  email: string;
  role: Role | null;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: Generated<string>;
  /** JSON object with what changed. */
  detail: Generated<string>;
  ip: Generated<string>;
}

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  user_id: number | null;
  created_at: string;
  updated_at: string;
  /** JSON snapshot of the editable fields (newsroom/articles/article-draft.ts). */
  snapshot: string;
  note: Generated<string>;
}

/** Edits to a published article waiting to go live (docs/adr/019): one pending copy per article. */
export interface ArticlePendingTable {
  article_id: number;
  /** JSON snapshot of the editable fields, as the newsroom edits them (article-draft.ts). */
  snapshot: string;
  /** 1 when someone who may not publish the article made the edits: an editor reviews them. */
  review: Generated<number>;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface ArticleEventTable {
  id: Generated<number>;
  article_id: number;
  from_status: string;
  to_status: string;
  user_id: number | null;
  note: Generated<string>;
  at: string;
}

export interface FrontPageTable {
  position: number;
  article_id: number;
}
