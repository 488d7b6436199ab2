import type { AuthorRef } from "../authors/author.js";
import type { Image } from "../media/image.js";
import type { TagRef } from "../tags/tag.js";

/** What a list of articles needs: one row per article, no per-item queries. */
export interface ArticleSummary {
  id: number;
  slug: string;
  url: string;
  section: { slug: string; name: string };
  kicker: string;
  headline: string;
  standfirst: string;
  publishedAt: Date;
  updatedAt: Date;
  hero: Image | null;
  breaking: boolean;
}

export interface ArticleNote {
  kind: "correction" | "update";
  text: string;
  createdAt: Date;
}

export interface Article extends ArticleSummary {
  body: unknown;
  heroCaption: string;
  heroCredit: string;
  videoId: number | null;
  authors: AuthorRef[];
  tags: TagRef[];
  notes: ArticleNote[];
}

/** The article's canonical path: /<section>/<slug>. */
export const articlePath = (sectionSlug: string, slug: string) => `/${sectionSlug}/${slug}`;
