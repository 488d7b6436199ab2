import { z } from "zod";

// What an export of another platform (Ghost, WordPress) is read into before anything is written:
// one shape for both, checked by this schema, so the writer (site-import.ts) knows one format.
// A post the schema refuses is skipped with the schema's reason; nothing of it is written.

const noNul = (s: string) => !s.includes("\u0000");
const text = (max: number) => z.string().trim().max(max).refine(noNul, "contains a NUL character (U+0000)");
const instant = z.iso.datetime({ offset: true });

export const sitePersonSchema = z.object({
  externalId: z.string().min(1).max(200),
  name: text(120).min(1, "has no name"),
  slug: text(200),
  bio: text(2000).optional(),
  /** Old profile address (`/author/<slug>/`). */
  oldPath: z.string().max(1000).optional(),
});
export const siteTermSchema = z.object({
  externalId: z.string().min(1).max(200),
  name: text(80).min(1, "has no name"),
  slug: text(200),
  oldPath: z.string().max(1000).optional(),
});

export const sitePostSchema = z.object({
  externalId: z.string().min(1).max(200),
  kind: z.enum(["post", "page"]),
  title: text(300).min(1, "has no title"),
  slug: text(400),
  /** The body as HTML: Lexical and Mobiledoc are rendered to it first (ghost/), then one converter reads it. */
  html: z
    .string()
    .max(2_000_000, "the body is longer than 2,000,000 characters")
    .refine(noNul, "the body contains a NUL character"),
  status: z.enum(["published", "draft"]),
  publishedAt: instant.optional(),
  createdAt: instant.optional(),
  updatedAt: instant.optional(),
  standfirst: text(600).optional(),
  seoTitle: text(300).optional(),
  seoDescription: text(600).optional(),
  featureImage: z
    .object({ src: z.string().min(1).max(2000), alt: text(500).optional(), caption: text(1000).optional() })
    .optional(),
  authorIds: z.array(z.string()).max(10),
  tagIds: z.array(z.string()).max(100),
  /** The source's category that becomes the article's section (WordPress); else the import's section. */
  sectionId: z.string().optional(),
  /** Where the post was: every one answers 301 to its new address once it is published here. */
  oldPaths: z.array(z.string().max(1000)).max(20),
  /** Base for relative links in the body. */
  baseUrl: z.string().optional(),
  /** What the reader dropped before the converter saw it (a Ghost signup card), by name. */
  dropped: z.record(z.string(), z.number()).optional(),
});

export type SitePerson = z.infer<typeof sitePersonSchema>;
export type SiteTerm = z.infer<typeof siteTermSchema>;
export type SitePost = z.infer<typeof sitePostSchema>;

export interface SiteExport {
  /** The key of this site in imported_items: "ghost", "wordpress:<address>". */
  source: string;
  authors: SitePerson[];
  tags: SiteTerm[];
  /** WordPress categories; Ghost has none (its posts go to the import's section). */
  sections: SiteTerm[];
  /** Raw posts, checked one by one by `sitePostSchema` as they are imported. */
  posts: unknown[];
  /** Items of the export that are no post or page of ours, with why (a revision, a menu item). */
  ignored: { item: string; reason: string }[];
}

export interface SkippedItem {
  item: string;
  reason: string;
}
