// A JSON Schema as the API references read it (src/api/content's and the Admin API's docs pages,
// both rendered from their OpenAPI 3.1 documents).

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), loosely typed for reading. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  [keyword: string]: unknown;
}
