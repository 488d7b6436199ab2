import { z } from "zod";
import { AppError } from "../errors.js";

/** Validates a route's input with a schema; bad input is a 400 with the reasons, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("VALIDATION_FAILED", "Invalid request", {
    details: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

export const slugParam = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export function totalPagesFor(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
