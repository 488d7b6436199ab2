import type { Db } from "../database.js";
import { toImage } from "../media/image.js";
import { type Author, authorPath } from "./author.js";

export async function findAuthorBySlug(db: Db, slug: string): Promise<Author | undefined> {
  const row = await db.selectFrom("authors").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!row) return undefined;
  const photo = row.photo_media_id
    ? await db.selectFrom("media").selectAll().where("id", "=", row.photo_media_id).executeTakeFirst()
    : undefined;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    url: authorPath(row.slug),
    role: row.role,
    bio: row.bio,
    photo: photo ? toImage(photo) : null,
  };
}

/** Every author's slug and name, A to Z (for choosers such as the search filter). */
export async function listAuthorNames(db: Db): Promise<{ slug: string; name: string }[]> {
  return db.selectFrom("authors").select(["slug", "name"]).orderBy("name").execute();
}
