import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Integrations (docs/adr/033): a named integration acts through the Admin API with one key, stored
// only as its SHA-256 (the key itself is shown once). Each integration has an account of its own
// (users.id) so that what it writes carries its name, as a person's writes do: created_by,
// revisions, the audit log. That account is disabled: nobody signs in as it.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("integrations")
    .$call((t) =>
      dialect === "postgres"
        ? t.addColumn("id", "serial", (c) => c.primaryKey())
        : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.notNull().unique().references("users.id"))
    // JSON array of scope names (integrations/scopes.ts)
    .addColumn("scopes", "text", (c) => c.notNull())
    // the key's first characters, shown in lists so a person can tell keys apart
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .execute();
}
