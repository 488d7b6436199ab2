import type { Db } from "../database.js";
import { articlePath } from "../articles/article.js";
import { MEDIA_PREFIX } from "../media/image.js";

export interface SitemapArticle {
  path: string;
  headline: string;
  publishedAt: Date;
  updatedAt: Date;
  image: { src: string; alt: string } | null;
}

function sitemapQuery(db: Db) {
  return db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .leftJoin("media as h", "h.id", "a.hero_media_id")
    .where("a.status", "=", "published")
    .select([
      "a.slug",
      "a.headline",
      "a.published_at",
      "a.updated_at",
      "s.slug as section_slug",
      "h.storage_key as hero_key",
      "h.alt as hero_alt",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof sitemapQuery>["executeTakeFirstOrThrow"]>>;

const toSitemapArticle = (r: Row): SitemapArticle => ({
  path: articlePath(r.section_slug, r.slug),
  headline: r.headline,
  publishedAt: new Date(r.published_at ?? r.updated_at),
  updatedAt: new Date(r.updated_at),
  image: r.hero_key ? { src: MEDIA_PREFIX + r.hero_key, alt: r.hero_alt ?? "" } : null,
});

export async function countSitemapArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom("articles")
    .where("status", "=", "published")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the article sitemap, oldest first so a page's contents stay put as news arrives. */
export async function listSitemapArticles(db: Db, offset: number, limit: number): Promise<SitemapArticle[]> {
  const rows = await sitemapQuery(db)
    .orderBy("a.published_at", "asc")
    .orderBy("a.id", "asc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toSitemapArticle);
}

/** Articles published since `since`, newest first: the Google News sitemap. */
export async function listNewsSitemapArticles(db: Db, since: Date, limit: number): Promise<SitemapArticle[]> {
  const rows = await sitemapQuery(db)
    .where("a.published_at", ">=", since.toISOString())
    .orderBy("a.published_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toSitemapArticle);
}
