import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";

/** Top-level paths the site uses itself: a section may never take one. */
export const RESERVED_SLUGS = new Set([
  "tags",
  "authors",
  "morning-headlines",
  "newsletters",
  "search",
  "assets",
  "media",
  "api",
  "newsroom",
  "healthz",
  "livez",
  "robots-txt",
  "sitemap-xml",
  "sitemaps",
  "feeds",
  "feed",
  "preview",
  "video",
  "videos",
  "openapi-json",
]);

export async function uniqueSlug(db: Db, table: "sections" | "tags" | "authors", wanted: string, selfId?: number) {
  const taken = await db.selectFrom(table).select("id").where("slug", "=", wanted).executeTakeFirst();
  if (taken && taken.id !== selfId) {
    throw new AppError("CONFLICT", `The slug "${wanted}" is taken`, { details: [{ path: "slug", message: "Taken" }] });
  }
}
