import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Preferences links expire from now on (docs/adr/016). Links already in sent emails carry no expiry;
// they keep working for the new links' lifetime (30 days) counted from this upgrade, then ask for a
// fresh link by email like any expired one.
// Read by src/newsletters/subscription.queries.ts (migrations import no application code, nor it them).
const LEGACY_PREFERENCES_KEY = "preferences_legacy_links_until";

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await db.insertInto("settings").values({ key: LEGACY_PREFERENCES_KEY, value: until }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("settings").where("key", "=", LEGACY_PREFERENCES_KEY).execute();
}
