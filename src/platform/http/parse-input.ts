import type { z } from "zod";
import { AppError } from "../errors.js";

// The one way a request's body, query or parameters are checked against their schema, for pages
// and APIs alike.

/** Validates a request part; 400 VALIDATION_FAILED with each problem as { path, message }. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "body"): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join(".") || what, message: i.message }));
  throw new AppError("VALIDATION_FAILED", details.map((d) => `${d.path}: ${d.message}`).join("; "), { details });
}
