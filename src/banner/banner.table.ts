import type { Generated } from "kysely";

/** A breaking-news banner raised on the whole site (docs/adr/035); kept after it comes down. */
export interface BannerTable {
  id: Generated<number>;
  text: string;
  /** Root-relative path or an absolute http(s) URL. */
  url: string;
  /** The "Live" marker. */
  live: Generated<number | boolean>;
  /** The story it was raised with (publish + banner in one action), if any. */
  article_id: number | null;
  raised_at: string;
  raised_by: number | null;
  expires_at: string | null;
  lowered_at: string | null;
  lowered_by: number | null;
}

/** One row (id 1): the banner on the site now and the counter each change moves. */
export interface BannerStateTable {
  id: number;
  rev: Generated<number>;
  banner_id: number | null;
}
