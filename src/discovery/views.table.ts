export interface ArticleViewTable {
  article_id: number;
  /** The UTC hour, "2026-11-28T16". */
  hour: string;
  views: number;
}
