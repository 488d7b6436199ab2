import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// Wire ingest (docs/adr/030): providers that deliver agency copy, the items they delivered (one
// row per provider and id, updated in place by a newer version), each version's text, and which
// drafts were made from which item. Search over the queue: FTS5 on SQLite, a tsvector on PostgreSQL.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("wire_providers")
    .$call((t) =>
      dialect === "postgres"
        ? t.addColumn("id", "serial", (c) => c.primaryKey())
        : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn("name", "text", (c) => c.notNull().unique())
    // http | folder | email
    .addColumn("source_kind", "text", (c) => c.notNull())
    // the URL, the folder, or the address on the inbound listener
    .addColumn("source", "text", (c) => c.notNull())
    // rss | atom | ninjs | newsml-g2 | email
    .addColumn("format", "text", (c) => c.notNull())
    // none | basic | bearer; the secret is "user:password" or the token
    .addColumn("auth_kind", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("auth_secret", "text")
    .addColumn("interval_seconds", "integer", (c) => c.notNull().defaultTo(300))
    .addColumn("section_id", "integer", (c) => c.references("sections.id").onDelete("set null"))
    // urgency (1–9) given to items whose source says none
    .addColumn("default_urgency", "integer")
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("next_poll_at", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    // set while a run holds the provider: one run per provider at a time, across processes
    .addColumn("running_until", "text")
    // when it was last said to have gone quiet (cleared by its next item)
    .addColumn("quiet_since", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_item_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("wire_items")
    .$call((t) =>
      dialect === "postgres"
        ? t.addColumn("id", "serial", (c) => c.primaryKey())
        : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn("provider_id", "integer", (c) => c.notNull().references("wire_providers.id").onDelete("cascade"))
    .addColumn("guid", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("version_at", "text")
    .addColumn("headline", "text", (c) => c.notNull())
    .addColumn("standfirst", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("byline", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("urgency", "integer", (c) => c.notNull().defaultTo(5))
    // usable | canceled
    .addColumn("pub_status", "text", (c) => c.notNull().defaultTo("usable"))
    .addColumn("embargo_at", "text")
    .addColumn("url", "text")
    .addColumn("subjects", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("images", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("section_id", "integer", (c) => c.references("sections.id").onDelete("set null"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("killed_at", "text")
    .addUniqueConstraint("wire_items_provider_guid", ["provider_id", "guid"])
    .execute();
  await db.schema.createIndex("wire_items_updated_idx").on("wire_items").columns(["updated_at", "id"]).execute();

  await db.schema
    .createTable("wire_item_versions")
    .addColumn("item_id", "integer", (c) => c.notNull().references("wire_items.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("headline", "text", (c) => c.notNull())
    .addColumn("standfirst", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("pub_status", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("wire_item_versions_pk", ["item_id", "version"])
    .execute();

  await db.schema
    .createTable("wire_uses")
    .addColumn("item_id", "integer", (c) => c.notNull().references("wire_items.id").onDelete("cascade"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("used_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("used_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("wire_uses_pk", ["item_id", "article_id"])
    .execute();
  await db.schema.createIndex("wire_uses_article_idx").on("wire_uses").column("article_id").execute();

  if (dialect === "sqlite") {
    await sql`create virtual table wire_fts using fts5(
      headline, body, tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  } else {
    await sql`alter table wire_items add column search tsvector generated always as (
      setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', text), 'C')
    ) stored`.execute(db);
    await sql`create index wire_items_search_idx on wire_items using gin (search)`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") await sql`drop table if exists wire_fts`.execute(db);
  for (const table of ["wire_uses", "wire_item_versions", "wire_items", "wire_providers"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
