import type { Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";
import { slugify } from "../slug.js";

// Controlled bylines (docs/adr/025):
// - every newsroom account gets its own author profile; this backfills one for each account that
//   has none (named after the account, a free slug);
// - `authors.co_byline` = 1 when editors let writers and contributors add the profile to their
//   stories as a co-author (off by default);
// - `article_byline_grants` remembers the authors an editor put on a story's byline, so the story's
//   writer may keep them and publish it. Stories readers have already seen keep their bylines as
//   they stand (a grant for each, granted by nobody).
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("authors")
    .addColumn("co_byline", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("article_byline_grants")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("authors.id").onDelete("cascade"))
    .addColumn("granted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("article_byline_grants_pk", ["article_id", "author_id"])
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto("article_byline_grants")
    .columns(["article_id", "author_id", "granted_by", "granted_at"])
    .expression((eb) =>
      eb
        .selectFrom("article_authors as aa")
        .innerJoin("articles as a", "a.id", "aa.article_id")
        .select(["aa.article_id", "aa.author_id", eb.val(null).as("granted_by"), eb.val(now).as("granted_at")])
        .where("a.published_at", "is not", null),
    )
    .execute();

  const users = await db
    .selectFrom("users as u")
    .select(["u.id", "u.name"])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("authors as au").select("au.id").whereRef("au.user_id", "=", "u.id"))),
    )
    .orderBy("u.id")
    .execute();
  const taken = new Set((await db.selectFrom("authors").select("slug").execute()).map((r: { slug: string }) => r.slug));
  for (const user of users as { id: number; name: string }[]) {
    const base = slugify(user.name) || `author-${user.id}`;
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 74)}-${n}`;
    taken.add(slug);
    await db.insertInto("authors").values({ slug, name: user.name, user_id: user.id }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("article_byline_grants").execute();
  await db.schema.alterTable("authors").dropColumn("co_byline").execute();
}
