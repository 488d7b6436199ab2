import { z } from "zod";
import type { Db } from "../database.js";
import { toImage } from "../media/image.js";
import { type Author, authorPath } from "./author.js";

const storedLinks = z.array(z.object({ label: z.string().min(1), url: z.url({ protocol: /^https?$/ }) }));

/** The stored links, as far as they are well formed (a page never fails over one bad link). */
function parseLinks(json: string): Author["links"] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((l) => {
      const one = storedLinks.element.safeParse(l);
      return one.success ? [one.data] : [];
    });
  } catch {
    return [];
  }
}

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
    links: parseLinks(row.links),
  };
}

/** Every author's slug and name, A to Z (for choosers such as the search filter). */
export async function listAuthorNames(db: Db): Promise<{ slug: string; name: string }[]> {
  return db.selectFrom("authors").select(["slug", "name"]).orderBy("name").execute();
}
