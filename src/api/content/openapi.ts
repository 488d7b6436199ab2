import { z } from "zod";
import type { JsonSchema } from "../../pages/views/api-reference/json-schema.js";
import {
  apiSchemas,
  articleListSchema,
  articlePathParams,
  articleSchema,
  errorSchema,
  listArticlesQuery,
  noQuery,
  searchQuery,
  searchResultsSchema,
} from "./content-api.schemas.js";

// The OpenAPI 3.1 document of the Content API, generated from the zod schemas that validate the
// queries and describe the responses. The docs page is rendered from this document.

export const API_BASE = "/api/content";

export interface Parameter {
  name: string;
  in: "query" | "path";
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: string;
}

export interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  parameters: Parameter[];
  responses: Record<string, Response>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string }[];
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, JsonSchema> };
}

const COMPONENTS = "#/components/schemas/";

/** Zod's date-time regular expression is long and says no more than `format: date-time`. */
const override = (ctx: { jsonSchema: { format?: string; pattern?: string } }) => {
  if (ctx.jsonSchema.format === "date-time") delete ctx.jsonSchema.pattern;
};

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => COMPONENTS + id, override });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutDialect(s as JsonSchema)]));
}

function ref(schema: z.ZodType): JsonSchema {
  const meta = apiSchemas.get(schema);
  if (!meta) throw new Error("response schema is not registered in apiSchemas");
  return { $ref: COMPONENTS + meta.id };
}

function parameters(schema: z.ZodObject, where: "query" | "path", examples: Record<string, string> = {}): Parameter[] {
  const object = z.toJSONSchema(schema, { io: "input", override }) as JsonSchema;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(examples[name] !== undefined ? { example: examples[name] } : {}),
    };
  });
}

const cachingHeaders = {
  ETag: {
    description: "Identifies this version of the response; send it back in If-None-Match to get a 304.",
    schema: { type: "string" },
  },
  "Cache-Control": {
    description: "public, max-age=60, stale-while-revalidate=300",
    schema: { type: "string" },
  },
};

const json = (description: string, schema: z.ZodType): Response => ({
  description,
  headers: cachingHeaders,
  content: { "application/json": { schema: ref(schema) } },
});
const error = (description: string): Response => ({
  description,
  content: { "application/json": { schema: ref(errorSchema) } },
});
const notModified: Response = { description: "Not modified: the ETag in If-None-Match is still current." };
const badRequest = error("Invalid or unknown query parameters.");

export function buildOpenApiDocument(site: { siteUrl: string; siteName: string }): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: `${site.siteName} Content API`,
      version: "1.0.0",
      description:
        "Published articles as JSON, read-only and free to use from any origin. Every response may be cached " +
        "for a minute and carries an ETag; every error is JSON with a stable code.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: site.siteUrl }],
    paths: {
      [`${API_BASE}/articles`]: {
        get: {
          operationId: "listArticles",
          summary: "List articles",
          description:
            "Published articles, newest first, optionally filtered by section, topic, author and date. " +
            "Pages are linked by an opaque cursor: pass next_cursor back as cursor until it is null.",
          parameters: parameters(listArticlesQuery, "query", { section: "uk", limit: "5" }),
          responses: {
            "200": json("A page of articles.", articleListSchema),
            "304": notModified,
            "400": badRequest,
          },
        },
      },
      [`${API_BASE}/articles/{slug}`]: {
        get: {
          operationId: "getArticle",
          summary: "Get an article",
          description:
            "One published article in full: its body document, related articles and corrections. " +
            "A slug the article had before it was renamed answers 301 with the new address.",
          parameters: [
            ...parameters(articlePathParams, "path", { slug: "tallowgate-bridge-closed-corroded-cables" }),
            ...parameters(noQuery, "query"),
          ],
          responses: {
            "200": json("The article.", articleSchema),
            "301": {
              description: "The article was renamed: Location is its address in this API.",
              headers: { Location: { description: "The article's current address.", schema: { type: "string" } } },
            },
            "304": notModified,
            "400": badRequest,
            "404": error("No published article has this slug."),
          },
        },
      },
      [`${API_BASE}/search`]: {
        get: {
          operationId: "searchArticles",
          summary: "Search articles",
          description: "Published articles whose headline or standfirst contains every word of q, newest first.",
          parameters: parameters(searchQuery, "query", { q: "bridge", limit: "10" }),
          responses: {
            "200": json("A page of results.", searchResultsSchema),
            "304": notModified,
            "400": error("No words to search for, or invalid parameters."),
          },
        },
      },
      [`${API_BASE}/openapi.json`]: {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This description",
          description: "The OpenAPI 3.1 document of the Content API.",
          parameters: [],
          responses: {
            "200": {
              description: "The OpenAPI document.",
              headers: cachingHeaders,
              content: { "application/json": { schema: { type: "object" } } },
            },
            "304": notModified,
            "400": error("Query parameters given: this endpoint takes none."),
          },
        },
      },
      [`${API_BASE}/docs`]: {
        get: {
          operationId: "getDocumentation",
          summary: "Documentation",
          description: "This description as a web page.",
          parameters: [],
          responses: {
            "200": {
              description: "The documentation page.",
              headers: cachingHeaders,
              content: { "text/html": { schema: { type: "string" } } },
            },
            "304": notModified,
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}
