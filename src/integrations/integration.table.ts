import type { Generated, Selectable } from "kysely";

/** An integration of the Admin API (docs/adr/033): one hashed key, its scopes, its own account. */
export interface IntegrationTable {
  id: Generated<number>;
  name: string;
  user_id: number;
  /** JSON array of scope names (scopes.ts). */
  scopes: string;
  key_prefix: string;
  key_hash: string;
  created_at: string;
  created_by: number | null;
  revoked_at: string | null;
  last_used_at: string | null;
}
export type IntegrationRow = Selectable<IntegrationTable>;
