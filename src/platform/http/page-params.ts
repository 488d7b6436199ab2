import { z } from "zod";

/** The slug of a page's address. */
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
