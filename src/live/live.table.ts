import type { Generated } from "kysely";

export type LiveStatus = "open" | "closed";
export type LiveEntryStatus = "published" | "in_review";

/** An article that is a live blog (docs/adr/028). */
export interface LiveBlogTable {
  article_id: number;
  status: Generated<LiveStatus>;
  started_at: string;
  ended_at: string | null;
  /** The change counter: the last value stamped on an entry; a stream's event id. */
  rev: Generated<number>;
}

export interface LiveEntryTable {
  id: Generated<number>;
  article_id: number;
  title: Generated<string>;
  /** The entry's document as JSON text, validated like an article body. */
  body: string;
  status: Generated<LiveEntryStatus>;
  pinned: Generated<number>;
  key_event: Generated<number>;
  author_id: number | null;
  /** The byline as it was when posted (a journalist's name), kept if the account goes. */
  author_name: Generated<string>;
  /** The live blog's rev of this entry's last change (post, edit, pin, delete). */
  rev: number;
  posted_at: string;
  updated_at: string;
  /** Set when the text changed after posting: readers see "Updated HH:MM". */
  edited_at: string | null;
  deleted_at: string | null;
}

/** The unposted entry a journalist is writing (autosave), one per journalist per live blog. */
export interface LiveDraftTable {
  article_id: number;
  user_id: number;
  draft: string;
  updated_at: string;
}
