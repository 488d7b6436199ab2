import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// Times are stored as fixed-width ISO-8601 UTC text ("2026-11-28T16:03:00.000Z") on both engines:
// they sort and compare as text, and rows look identical on SQLite and PostgreSQL (docs/adr/002).
// Booleans are integers 0/1 for the same reason. JSON documents are text.

type Table = CreateTableBuilder<string, never>;

function withId(dialect: Dialect, table: Table): Table {
  return dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(dialect, db.schema.createTable("sections"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", notNull)
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(dialect, db.schema.createTable("media"))
    .addColumn("kind", "text", notNull)
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("mime", "text", notNull)
    .addColumn("width", "integer", notNull)
    .addColumn("height", "integer", notNull)
    .addColumn("variant_widths", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("alt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("caption", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", notNull)
    .execute();

  await withId(dialect, db.schema.createTable("authors"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", notNull)
    .addColumn("role", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("photo_media_id", "integer", (c) => c.references("media.id").onDelete("set null"))
    .execute();

  await withId(dialect, db.schema.createTable("tags"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", notNull)
    .execute();

  await withId(dialect, db.schema.createTable("videos"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", notNull)
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("storage_key", "text", notNull)
    .addColumn("mime", "text", notNull)
    .addColumn("poster_media_id", "integer", (c) => c.references("media.id").onDelete("set null"))
    .addColumn("captions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("duration_seconds", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("width", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("height", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text", notNull)
    .execute();

  await withId(dialect, db.schema.createTable("articles"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kicker", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("headline", "text", notNull)
    .addColumn("standfirst", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", notNull)
    .addColumn("section_id", "integer", (c) => c.notNull().references("sections.id"))
    .addColumn("hero_media_id", "integer", (c) => c.references("media.id").onDelete("set null"))
    .addColumn("hero_caption", "text")
    .addColumn("hero_credit", "text")
    .addColumn("video_id", "integer", (c) => c.references("videos.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text")
    .addColumn("updated_at", "text", notNull)
    .addColumn("created_at", "text", notNull)
    .execute();
  await db.schema
    .createIndex("articles_status_published_idx")
    .on("articles")
    .columns(["status", "published_at"])
    .execute();
  await db.schema
    .createIndex("articles_section_published_idx")
    .on("articles")
    .columns(["section_id", "status", "published_at"])
    .execute();

  await db.schema
    .createTable("article_authors")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("authors.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("article_authors_pk", ["article_id", "author_id"])
    .execute();
  await db.schema.createIndex("article_authors_author_idx").on("article_authors").column("author_id").execute();

  await db.schema
    .createTable("article_tags")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("article_tags_pk", ["article_id", "tag_id"])
    .execute();
  await db.schema.createIndex("article_tags_tag_idx").on("article_tags").column("tag_id").execute();

  // Old slugs of renamed articles, so their URLs answer 301 for ever.
  await db.schema
    .createTable("article_slug_history")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("created_at", "text", notNull)
    .execute();

  await withId(dialect, db.schema.createTable("article_notes"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("kind", "text", notNull)
    .addColumn("text", "text", notNull)
    .addColumn("created_at", "text", notNull)
    .execute();
  await db.schema.createIndex("article_notes_article_idx").on("article_notes").column("article_id").execute();

  await withId(dialect, db.schema.createTable("briefings"))
    .addColumn("newsletter", "text", notNull)
    .addColumn("edition_date", "text", notNull)
    .addColumn("intro", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", notNull)
    .addUniqueConstraint("briefings_newsletter_date_uq", ["newsletter", "edition_date"])
    .execute();

  await db.schema
    .createTable("briefing_items")
    .addColumn("briefing_id", "integer", (c) => c.notNull().references("briefings.id").onDelete("cascade"))
    .addColumn("position", "integer", notNull)
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("line", "text", notNull)
    .addPrimaryKeyConstraint("briefing_items_pk", ["briefing_id", "position"])
    .execute();

  await withId(dialect, db.schema.createTable("newsletter_subscriptions"))
    .addColumn("email", "text", notNull)
    .addColumn("newsletter", "text", notNull)
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", notNull)
    .addColumn("updated_at", "text", notNull)
    .addUniqueConstraint("newsletter_subscriptions_email_uq", ["newsletter", "email"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "newsletter_subscriptions",
    "briefing_items",
    "briefings",
    "article_notes",
    "article_slug_history",
    "article_tags",
    "article_authors",
    "articles",
    "videos",
    "tags",
    "authors",
    "media",
    "sections",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
