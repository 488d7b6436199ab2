import { z } from "zod";

// The London Daily export format (docs/export-format.md), version 1: one JSON document naming each
// table a publisher owns with its rows as stored (ISO times, 0/1 flags, JSON text columns), and a
// folder of the files those rows name (`<file>.files/<storage key>`). Ids are kept, so references
// between tables hold; newsroom accounts are not part of it, so the columns naming one are null.

export const EXPORT_FORMAT = "london-daily-export";
export const EXPORT_VERSION = 1;

/** In load order: a table comes after every table it references. */
export const EXPORTED_TABLES = [
  "sections",
  "authors",
  "tags",
  "media",
  "videos",
  "video_tags",
  "video_captions",
  "articles",
  "article_authors",
  "article_tags",
  "article_notes",
  "article_slug_history",
  "newsletters",
  "subscribers",
  "subscriptions",
  "front_page",
  "redirects",
] as const;
export type ExportedTable = (typeof EXPORTED_TABLES)[number];

/** Columns that name a newsroom account: exported as null (accounts stay with the site they were made on). */
export const ACCOUNT_COLUMNS: Partial<Record<ExportedTable, string[]>> = {
  authors: ["user_id"],
  media: ["uploaded_by", "trashed_by"],
  videos: ["uploaded_by", "trashed_by"],
  articles: ["created_by", "trashed_by"],
};

/** The order rows are written in, so two exports of the same content are the same bytes. */
export const ORDER: Record<ExportedTable, string[]> = {
  sections: ["id"],
  authors: ["id"],
  tags: ["id"],
  media: ["id"],
  videos: ["id"],
  video_tags: ["video_id", "tag_id"],
  video_captions: ["id"],
  articles: ["id"],
  article_authors: ["article_id", "position", "author_id"],
  article_tags: ["article_id", "tag_id"],
  article_notes: ["id"],
  article_slug_history: ["slug"],
  newsletters: ["id"],
  subscribers: ["id"],
  subscriptions: ["subscriber_id", "newsletter_id"],
  front_page: ["position"],
  redirects: ["path"],
};

const row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const exportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION, {
    error: `This export is of another version; this site reads version ${EXPORT_VERSION}`,
  }),
  exportedAt: z.iso.datetime(),
  tables: z.strictObject(
    Object.fromEntries(EXPORTED_TABLES.map((t) => [t, z.array(row)])) as Record<ExportedTable, z.ZodArray<typeof row>>,
  ),
  files: z.array(z.string().max(1000)),
});
export type SiteExportFile = z.infer<typeof exportSchema>;

export const filesDirOf = (file: string) => `${file}.files`;
