import { createHash } from "node:crypto";
import type { Db } from "../database.js";
import { pageTags } from "../pages/page-tags.js";

/** Where an article shows on the site: what a write must compare before and after (docs/adr/021). */
export interface ArticleFootprint {
  id: number;
  published: boolean;
  publishedAt: string | null;
  section: string;
  authors: string[];
  topics: string[];
  videoId: number | null;
  /** What a card of it shows (headline, standfirst, kicker, picture, address), as one string to compare. */
  card: string;
  /**
   * What its own page shows beyond the card (the body, its modified time, its corrections and
   * updates): an edit waiting in the pending copy (docs/adr/019) changes none of it.
   */
  page: string;
}

export async function loadArticleFootprint(db: Db, articleId: number): Promise<ArticleFootprint | undefined> {
  const [row, authors, topics, notes] = await Promise.all([
    db
      .selectFrom("articles as a")
      .innerJoin("sections as s", "s.id", "a.section_id")
      .select([
        "a.id",
        "a.status",
        "a.published_at",
        "a.video_id",
        "s.slug as section",
        "a.slug",
        "a.headline",
        "a.standfirst",
        "a.kicker",
        "a.hero_media_id",
        "a.breaking",
        "a.body",
        "a.updated_at",
      ])
      .where("a.id", "=", articleId)
      .executeTakeFirst(),
    db
      .selectFrom("article_authors as aa")
      .innerJoin("authors as au", "au.id", "aa.author_id")
      .select("au.slug")
      .where("aa.article_id", "=", articleId)
      .execute(),
    db
      .selectFrom("article_tags as at")
      .innerJoin("tags as t", "t.id", "at.tag_id")
      .select("t.slug")
      .where("at.article_id", "=", articleId)
      .execute(),
    // Corrections and updates show on the page; with an injected clock they need not move updated_at.
    db
      .selectFrom("article_notes")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("id").as("last")])
      .where("article_id", "=", articleId)
      .executeTakeFirst(),
  ]);
  if (!row) return undefined;
  return {
    id: row.id,
    published: row.status === "published",
    publishedAt: row.published_at,
    section: row.section,
    authors: authors.map((a) => a.slug).sort(),
    topics: topics.map((t) => t.slug).sort(),
    videoId: row.video_id,
    card: JSON.stringify([row.slug, row.headline, row.standfirst, row.kicker, row.hero_media_id, row.breaking]),
    page: JSON.stringify([
      row.updated_at,
      createHash("sha256").update(row.body).digest("base64"),
      Number(notes?.n ?? 0),
      notes?.last ?? null,
    ]),
  };
}

/** The lists a published article is a member of. */
function listTags(f: ArticleFootprint | undefined): string[] {
  if (!f?.published) return [];
  return [
    pageTags.latest,
    pageTags.sectionList(f.section),
    ...f.authors.map(pageTags.authorList),
    ...f.topics.map(pageTags.topicList),
  ];
}

/**
 * The tags a change to an article touched, when it was or is public: its own page when anything it
 * shows changed (a save into the pending copy changes nothing readers see); its
 * cards wherever they show when what a card shows changed; the lists it entered or left (or moved
 * in, when its publication time changed); the video sitemap when its video changed; and the pages
 * whose related list the change rewrote. A correction or a body edit touches its page alone.
 */
export function articleChangeTags(
  before: ArticleFootprint | undefined,
  after: ArticleFootprint | undefined,
  relatedChanged: Iterable<number> = [],
): string[] {
  const tags = new Set<string>([...relatedChanged].map(pageTags.related));
  const id = after?.id ?? before?.id;
  if (id === undefined || !(before?.published || after?.published)) return [...tags];
  const [was, is] = [listTags(before), listTags(after)];
  const moved = before?.publishedAt !== after?.publishedAt || was.join() !== is.join();
  const shown = (f: ArticleFootprint | undefined) =>
    f && JSON.stringify([f.published, f.section, f.authors, f.topics, f.videoId, f.card, f.page]);
  if (shown(before) !== shown(after)) tags.add(pageTags.story(id));
  if (moved) for (const tag of [...was, ...is]) tags.add(tag);
  if (moved || before?.card !== after?.card || before?.published !== after?.published) tags.add(pageTags.article(id));
  if (before?.videoId !== after?.videoId) tags.add(pageTags.videos);
  return [...tags];
}
