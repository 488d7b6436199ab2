import type { z } from "zod";
import type { Action } from "../platform/admin/permissions.js";
import { ADMIN_API_PREFIX } from "./admin-api.js";
import { ADMIN_ROUTES, routeKey } from "./admin-api.catalogue.js";
import { SCOPES, SCOPE_NAMES, SCOPE_SUMMARIES } from "./scopes.js";
import { docSchema } from "./json-schema.js";
import { webhookOperations } from "./webhook-payloads.js";

// The Admin API's OpenAPI 3.1 document, generated from the catalogue and the very zod schemas the
// newsroom's handlers validate with; each operation names the scopes that grant its guard's action.

const schemaOf = (schema: z.ZodType) => docSchema(schema, "input");

const error = { $ref: "#/components/schemas/Error" };

export function buildAdminOpenApi(siteUrl: string, actions: ReadonlyMap<string, Action>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ADMIN_ROUTES) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const action = actions.get(routeKey(route.method, ADMIN_API_PREFIX + route.path));
    const scopes = SCOPE_NAMES.filter((s) => action && (SCOPES[s] as readonly string[]).includes(action));
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "integer", minimum: 1 },
    }));
    const query = route.query ? schemaOf(route.query) : undefined;
    const queryParams = Object.entries((query?.properties as Record<string, object> | undefined) ?? {}).map(
      ([name, schema]) => ({
        name,
        in: "query",
        required: ((query?.required as string[]) ?? []).includes(name),
        schema,
      }),
    );
    const status = String(route.status ?? 200);
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-z]+(\w)?/gi, (_m, c: string = "") => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      description: `Needs a key with one of the scopes: ${scopes.join(", ") || "(none)"} (action ${action ?? "?"}).`,
      "x-scopes": scopes,
      security: [{ bearer: [] }],
      parameters: [...params, ...queryParams],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body) } } } }
        : route.multipart
          ? {
              requestBody: {
                required: true,
                content: {
                  "multipart/form-data": {
                    schema: {
                      type: "object",
                      required: ["file"],
                      properties: Object.fromEntries(
                        route.multipart.map((f) => [
                          f,
                          f === "file" ? { type: "string", format: "binary" } : { type: "string" },
                        ]),
                      ),
                    },
                  },
                },
              },
            }
          : {}),
      responses: {
        [status]:
          status === "204"
            ? { description: "Done" }
            : { description: "Success", content: { [route.produces ?? "application/json"]: { schema: {} } } },
        "400": { description: "Invalid input", content: { "application/json": { schema: error } } },
        "401": { description: "No, unknown or revoked key", content: { "application/json": { schema: error } } },
        "403": {
          description: "The key's scopes do not allow this",
          content: { "application/json": { schema: error } },
        },
        "404": { description: "Not found", content: { "application/json": { schema: error } } },
        "409": {
          description: "Conflict (a stale baseVersion, a state that forbids it)",
          content: { "application/json": { schema: error } },
        },
        "429": {
          description: "Too many calls with this key (Retry-After)",
          content: { "application/json": { schema: error } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "London Daily Admin API",
      version: "1.0.0",
      description:
        "The newsroom's own handlers, for other systems: articles, media, sections, tags, authors, subscribers, " +
        "live entries and webhooks, each call made with an integration's key and allowed by its scopes.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: siteUrl + ADMIN_API_PREFIX }],
    paths,
    webhooks: webhookOperations(),
    "x-scopes": SCOPE_NAMES.map((name) => ({ name, summary: SCOPE_SUMMARIES[name], actions: SCOPES[name] })),
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An integration's key (ldk_…), made by an admin in the newsroom and shown once.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
    },
  };
}
