import { z } from "zod";

// A zod schema as the Admin API's OpenAPI document shows it: JSON Schema 2020-12 without the
// dialect line, and without what says no more than the type does (zod's long date-time pattern,
// the safe-integer bounds it puts on every integer).
export function docSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ jsonSchema: s }) => {
      if (s.format === "date-time") delete s.pattern;
      if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
      if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
    },
  }) as Record<string, unknown>;
  return rest;
}
