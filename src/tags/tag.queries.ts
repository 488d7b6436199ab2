import type { Db } from "../database.js";

export async function findTagBySlug(db: Db, slug: string) {
  return db.selectFrom("tags").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
}
