import { z } from "zod";

const text = (max: number) => z.string().trim().max(max);

/** The words that describe an image: the upload form's fields and part of an edit. */
export const describedFields = z.strictObject({ alt: text(1000), caption: text(2000), credit: text(300) }).partial();

/** PATCH /media/:id: any of the words, and the focal point (0..1 from the left, from the top). */
export const mediaEdit = describedFields
  .extend({ focalX: z.number().min(0).max(1), focalY: z.number().min(0).max(1) })
  .partial();

export const mediaIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
