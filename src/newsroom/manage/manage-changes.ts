import type { Db } from "../../database.js";
import { pageTags } from "../../pages/page-tags.js";

// What each edit of the paper's structure touches on the site (docs/adr/021). The frame rail (the
// sections in every page's navigation) is compared by the page layer itself after every write.

/** A section renamed, re-described, moved or given a new slug. */
export async function sectionChangeTags(
  db: Db,
  before: { id: number; slug: string; name: string },
  after: { slug: string; name: string },
): Promise<string[]> {
  const tags = [pageTags.sectionList(before.slug), pageTags.sectionList(after.slug), pageTags.sitemaps];
  if (before.slug === after.slug && before.name === after.name) return tags;
  // Every story of the section shows its name, and its address holds the section's slug.
  const articles = await db
    .selectFrom("articles")
    .select("id")
    .where("section_id", "=", before.id)
    .where("status", "=", "published")
    .execute();
  return [...tags, pageTags.latest, ...articles.flatMap((a) => [pageTags.article(a.id), pageTags.story(a.id)])];
}

/** One topic merged into another: both listings, both names wherever shown, the sitemap. */
export const topicMergeTags = (from: { slug: string }, into: { slug: string }) => [
  pageTags.topic(from.slug),
  pageTags.topicList(from.slug),
  pageTags.topic(into.slug),
  pageTags.topicList(into.slug),
  pageTags.sitemaps,
];

/** An author's profile edited: their page, their feeds, their byline on every story. */
export const authorChangeTags = (before: { slug: string }, after: { slug: string }) => [
  pageTags.author(before.slug),
  pageTags.authorList(before.slug),
  pageTags.author(after.slug),
  pageTags.authorList(after.slug),
  ...(before.slug !== after.slug ? [pageTags.sitemaps] : []),
];
