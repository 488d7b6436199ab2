import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db/connect.js";

// The newsroom (issue 3): people and their sessions, single-use tokens (password resets and
// invitations), the audit log, and what editing needs on articles — a version for conflict
// detection, revisions, the workflow's history, scheduling and embargo, SEO fields, editors'
// notes — plus the editors' front page.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = (name: string) =>
    dialect === "postgres"
      ? db.schema.createTable(name).addColumn("id", "serial", (c) => c.primaryKey())
      : db.schema.createTable(name).addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await id("users")
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('contributor', 'writer', 'editor', 'admin')`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // The cookie holds a random token; the table holds only its SHA-256, so a leaked table opens nothing.
  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("auth_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('reset', 'invite')`))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await id("audit_log")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema
    .createIndex("audit_log_subject_idx")
    .on("audit_log")
    .columns(["subject_type", "subject_id"])
    .execute();

  for (const [column, type] of [
    ["version", "integer"],
    ["created_by", "integer"],
    ["seo_title", "text"],
    ["seo_description", "text"],
    ["social_media_id", "integer"],
    ["editors_notes", "text"],
    ["embargo_at", "text"],
    ["scheduled_at", "text"],
    ["preview_nonce", "integer"],
  ] as const) {
    await db.schema
      .alterTable("articles")
      .addColumn(column, type, (c) =>
        column === "version"
          ? c.notNull().defaultTo(1)
          : column === "preview_nonce"
            ? c.notNull().defaultTo(0)
            : column.startsWith("seo_") || column === "editors_notes"
              ? c.notNull().defaultTo("")
              : c,
      )
      .execute();
  }
  await db.schema.createIndex("articles_status_updated_idx").on("articles").columns(["status", "updated_at"]).execute();

  // Every save keeps a revision (coalesced per author per minute): a full snapshot of the fields.
  await id("article_revisions")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("article_revisions_article_idx")
    .on("article_revisions")
    .columns(["article_id", "id"])
    .execute();

  // Who moved an article between workflow states, when, and why.
  await id("article_events")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("article_events_article_idx")
    .on("article_events")
    .columns(["article_id", "id"])
    .execute();

  // The editors' front page: position 0 is the lead, then the top stories in order.
  await db.schema
    .createTable("front_page")
    .addColumn("position", "integer", (c) => c.primaryKey())
    .addColumn("article_id", "integer", (c) => c.notNull().unique().references("articles.id").onDelete("cascade"))
    .execute();

  // Author profiles may belong to a newsroom user, and carry social links (JSON array of {label, url}).
  await db.schema
    .alterTable("authors")
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("authors")
    .addColumn("links", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
}
