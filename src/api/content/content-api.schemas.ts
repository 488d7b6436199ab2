import { z } from "zod";
import { documentSchema, listNodeSchema } from "../../articles/document/document.schema.js";
import { errorCatalogue } from "../../platform/errors.js";
import { slugParam } from "../../platform/http/page-params.js";
import { decodeCursor } from "./cursor.js";

// One set of zod schemas validates every query, types every response and generates the OpenAPI
// document (openapi.ts) and the HTML reference (views/ApiDocsPage.tsx): the documentation cannot
// drift from what the API accepts and returns. Response schemas are strict, so a field added to a
// response without being documented fails the tests that parse live responses.

export const LIMIT_MAX = 50;
export const LIMIT_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 20;

/** Named schemas: each becomes a component of the OpenAPI document and a table on the docs page. */
export const apiSchemas = z.registry<{ id: string }>();

function named<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema as z.ZodType, { id });
  return schema;
}

// ---- Query parameters --------------------------------------------------------------------------

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(LIMIT_MAX)
  .default(LIMIT_DEFAULT)
  .describe("How many articles to return.");

const cursor = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const decoded = decodeCursor(value);
    if (!decoded) {
      ctx.addIssue({
        code: "custom",
        message: "The cursor is damaged or was not issued by this API; use next_cursor from a response as it is",
      });
      return z.NEVER;
    }
    return decoded;
  })
  .describe("Where the next page starts: the next_cursor of the previous page, as it is. Omit it for the first page.");

export const listArticlesQuery = z.strictObject({
  section: slugParam.optional().describe("Only articles in this section (its slug, e.g. uk)."),
  tag: slugParam.optional().describe("Only articles with this topic (its slug, e.g. transport)."),
  author: slugParam.optional().describe("Only articles by this author (their slug, e.g. ada-okafor)."),
  since: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional()
    .describe("Only articles published at or after this instant (ISO 8601 date-time with a zone)."),
  limit,
  cursor: cursor.optional(),
});

export const articlePathParams = z.strictObject({
  slug: slugParam.describe("The article's slug: the last part of its address on the site."),
});

/** The endpoints that take no query parameters refuse any, like the others refuse unknown ones. */
export const noQuery = z.strictObject({});

export const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, "Say what to search for")
    .max(200, "Search for at most 200 characters")
    .describe("Words to find in headlines and standfirsts; every word must match."),
  limit,
  page: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(1).describe("Which page of results."),
});

// ---- Responses ---------------------------------------------------------------------------------

const dateTime = z.iso.datetime();

export const sectionRefSchema = named(
  "SectionRef",
  z.strictObject({ slug: z.string(), name: z.string() }).describe("A section of the site."),
);
export const authorRefSchema = named(
  "AuthorRef",
  z.strictObject({ slug: z.string(), name: z.string() }).describe("An author, in byline order."),
);
export const tagRefSchema = named(
  "TagRef",
  z.strictObject({ slug: z.string(), name: z.string() }).describe("A topic, in name order."),
);

const imageFields = {
  url: z.url().describe("The original image file."),
  alt: z.string().describe("Text alternative for readers who cannot see the image."),
  width: z.number().int().nonnegative().describe("Width in pixels."),
  height: z.number().int().nonnegative().describe("Height in pixels."),
};
export const imageSchema = named("Image", z.strictObject(imageFields).describe("An article's lead image."));
export const heroImageSchema = named(
  "HeroImage",
  z
    .strictObject({
      ...imageFields,
      caption: z.string().describe("The caption printed under the image (may be empty)."),
      credit: z.string().describe("Who made the image (may be empty)."),
    })
    .describe("An article's lead image with its caption and credit."),
);

const summaryFields = {
  slug: z.string().describe("Identifies the article in this API: /api/content/articles/{slug}."),
  url: z.url().describe("The article on the site."),
  kicker: z.string().describe("A short label above the headline (may be empty)."),
  headline: z.string(),
  standfirst: z.string().describe("The summary under the headline."),
  section: sectionRefSchema,
  authors: z.array(authorRefSchema),
  tags: z.array(tagRefSchema),
  published_at: dateTime.describe("When the article was first published (UTC)."),
  updated_at: dateTime.describe("When the article last changed (UTC)."),
  hero: imageSchema.nullable().describe("The lead image, or null when the article has none."),
};

export const articleSummarySchema = named(
  "ArticleSummary",
  z.strictObject(summaryFields).describe("A published article as lists show it."),
);

export const correctionSchema = named(
  "Correction",
  z
    .strictObject({
      kind: z.enum(["correction", "update"]).describe("A correction of an error, or an update with news."),
      text: z.string(),
      created_at: dateTime.describe("When the note was added (UTC)."),
    })
    .describe("A note the newsroom appended to an article."),
);

export const articleDocumentSchema = named(
  "ArticleDocument",
  documentSchema.describe(
    "The article body as stored: a ProseMirror-style document of allow-listed blocks; images and videos by id.",
  ),
);
named("ListNode", listNodeSchema);

export const articleSchema = named(
  "Article",
  z
    .strictObject({
      ...summaryFields,
      hero: heroImageSchema.nullable().describe("The lead image, or null when the article has none."),
      body: articleDocumentSchema,
      related: z.array(articleSummarySchema).describe("Related articles chosen by the newsroom's ranking."),
      corrections: z.array(correctionSchema).describe("Corrections and updates, oldest first."),
    })
    .describe("A published article in full."),
);

export const articleListSchema = named(
  "ArticleList",
  z
    .strictObject({
      data: z.array(articleSummarySchema).describe("Newest first."),
      next_cursor: z.string().nullable().describe("Pass as cursor to get the next page; null on the last page."),
    })
    .describe("A page of articles."),
);

export const searchResultsSchema = named(
  "SearchResults",
  z
    .strictObject({
      data: z.array(articleSummarySchema).describe("Newest first."),
      query: z.string().describe("The words searched for."),
      page: z.number().int().min(1),
      limit: z.number().int().min(1),
      next_page: z.number().int().nullable().describe("The next page's number; null on the last page."),
    })
    .describe("A page of search results."),
);

export const errorSchema = named(
  "Error",
  z
    .strictObject({
      error: z.strictObject({
        code: z.enum(Object.keys(errorCatalogue) as [keyof typeof errorCatalogue]).describe("Stable: test on this."),
        message: z.string().describe("For people: may change."),
        details: z
          .array(z.strictObject({ path: z.string(), message: z.string() }))
          .optional()
          .describe("What was wrong with each invalid parameter."),
      }),
    })
    .describe("Every error, whatever the status."),
);

export type ApiArticleSummary = z.output<typeof articleSummarySchema>;
export type ApiArticle = z.output<typeof articleSchema>;
export type ApiError = z.output<typeof errorSchema>;
