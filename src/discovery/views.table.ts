import type { Generated } from "kysely";

export interface ArticleViewTable {
  article_id: number;
  /** The UTC hour, "2026-11-28T16". */
  hour: string;
  views: number;
}

export interface ArticleTermTable {
  term: string;
  article_id: number;
  /** The stem's weight in the article's unit-length TF-IDF vector. */
  weight: number;
}

export interface TermStatTable {
  /** A stem; '' holds the number of articles counted. */
  term: string;
  df: number;
}

export interface RelatedOverrideTable {
  article_id: number;
  related_id: number;
  kind: "pin" | "exclude";
  position: Generated<number>;
}
