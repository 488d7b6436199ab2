import type { Db } from "../database.js";
import { slugify } from "../platform/slug.js";

// Every newsroom account has its own author profile (docs/adr/025): made with the account, or at
// the first sign-in of an account from before, so a writer can always byline themselves.

/** The account's author profile id, making one (named after the account, a free slug) when it has none. */
export async function ensureAuthorProfile(db: Db, user: { id: number; name: string }): Promise<number> {
  const existing = await db
    .selectFrom("authors")
    .select("id")
    .where("user_id", "=", user.id)
    .orderBy("id")
    .executeTakeFirst();
  if (existing) return existing.id;
  const base = slugify(user.name) || `author-${user.id}`;
  const taken = new Set(
    (
      await db
        .selectFrom("authors")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base.slice(0, 74)}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 74)}-${n}`;
  const row = await db
    .insertInto("authors")
    .values({ slug, name: user.name, user_id: user.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
