import type { Generated, Selectable } from "kysely";

/** "trashed": deleted, restorable for 30 days (docs/adr/025); `trashed_from` keeps the status before. */
export type ArticleStatus = "draft" | "in_review" | "scheduled" | "published" | "unpublished" | "trashed";

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  kicker: Generated<string>;
  headline: string;
  standfirst: Generated<string>;
  /** The body document as JSON text, validated by articles/document/document.schema.ts. */
  body: string;
  /** The page's description, from the standfirst or the body (articles/article-text.ts); null: not computed yet. */
  description: string | null;
  /** Words in the body (reading time); null: not computed yet. */
  word_count: number | null;
  section_id: number;
  hero_media_id: number | null;
  hero_caption: string | null;
  hero_credit: string | null;
  video_id: number | null;
  status: Generated<ArticleStatus>;
  breaking: Generated<number>;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  /** Bumped by every newsroom save; a save based on an older version is a conflict. */
  version: Generated<number>;
  /** The newsroom user who created it (null for seeded and imported articles). */
  created_by: number | null;
  seo_title: Generated<string>;
  seo_description: Generated<string>;
  social_media_id: number | null;
  /** Never public. */
  editors_notes: Generated<string>;
  /** Refuses publication before this time, even when scheduled earlier. */
  embargo_at: string | null;
  scheduled_at: string | null;
  /** Part of every preview link's signature; bumped on publication, which revokes old links. */
  preview_nonce: Generated<number>;
  trashed_at: Generated<string | null>;
  trashed_by: Generated<number | null>;
  trashed_from: Generated<ArticleStatus | null>;
}
export type ArticleRow = Selectable<ArticleTable>;

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: Generated<number>;
}

/** An author an editor put on the article's byline: its writer may keep them (docs/adr/025). */
export interface ArticleBylineGrantTable {
  article_id: number;
  author_id: number;
  granted_by: number | null;
  granted_at: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
}

export interface ArticleSlugHistoryTable {
  slug: string;
  article_id: number;
  created_at: string;
}

export interface ArticleNoteTable {
  id: Generated<number>;
  article_id: number;
  kind: "correction" | "update";
  text: string;
  created_at: string;
}

export interface ArticleRelatedTable {
  article_id: number;
  position: number;
  related_id: number;
  score: number;
}
