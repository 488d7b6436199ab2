import type { Db } from "../../src/database.js";
import { reindexArticles } from "../../src/discovery/discovery-index.js";
import {
  buildArticle,
  buildAuthor,
  buildBriefing,
  buildImage,
  buildSection,
  buildTag,
  buildVideo,
} from "./factories.js";

/** The clock for route tests: 11:00 BST on Wednesday 1 July 2026 (10:00 UTC). */
export const NOW = new Date("2026-07-01T10:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

/**
 * A small newsroom with known content: a lead story with everything on it, related stories,
 * an older story, one published yesterday at 23:30 BST (not "today"), a draft, a renamed story.
 */
export async function buildNewsroom(db: Db) {
  const uk = await buildSection(db, { slug: "uk", name: "UK", position: 0 });
  const world = await buildSection(db, { slug: "world", name: "World", position: 1 });
  const ada = await buildAuthor(db, { slug: "ada-okafor", name: "Ada Okafor" });
  const ben = await buildAuthor(db, { slug: "ben-marsh", name: "Ben Marsh" });
  const transport = await buildTag(db, { slug: "transport", name: "Transport" });
  const housing = await buildTag(db, { slug: "housing", name: "Housing" });
  const hero = await buildImage(db, { key: "images/test/hero.jpg", alt: "The river at dawn" });
  const missing = await buildImage(db, { key: "images/test/does-not-exist.jpg", alt: "A missing file" });
  const video = await buildVideo(db, { title: "The bridge in ten seconds", publishedAt: hoursAgo(30) });

  const lead = await buildArticle(db, {
    sectionId: uk.id,
    slug: "night-buses-return",
    headline: "Night buses return to the river crossings",
    standfirst: "Six routes restored after a two-year gap.",
    kicker: "Transport",
    publishedAt: hoursAgo(2),
    updatedAt: hoursAgo(1),
    heroMediaId: hero.id,
    videoId: video.id,
    authorIds: [ada.id, ben.id],
    tagIds: [transport.id, housing.id],
    notes: [{ kind: "correction", text: "An earlier version misnamed the depot.", at: hoursAgo(1) }],
    body: {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "The first bus left at midnight." }] },
        {
          type: "pullQuote",
          attrs: { attribution: "A driver" },
          content: [{ type: "text", text: "We missed this road." }],
        },
        { type: "image", attrs: { mediaId: missing.id, alt: "A depot at night", caption: "The depot" } },
      ],
    },
  });
  const sameTag = await buildArticle(db, {
    sectionId: world.id,
    slug: "ferries-in-rotterdam",
    headline: "Ferries double in a port city",
    publishedAt: hoursAgo(5),
    authorIds: [ben.id],
    tagIds: [transport.id],
  });
  const sameSection = await buildArticle(db, {
    sectionId: uk.id,
    slug: "library-hours",
    headline: "Libraries open later on Thursdays",
    publishedAt: hoursAgo(40),
    authorIds: [ada.id],
  });
  // 23:30 BST on 30 June: yesterday in London although it is the same UTC day as 1 July 00:30 BST.
  const lateYesterday = await buildArticle(db, {
    sectionId: world.id,
    slug: "late-yesterday",
    headline: "Filed late last night",
    publishedAt: new Date("2026-06-30T22:30:00Z"),
  });
  const justAfterMidnight = await buildArticle(db, {
    sectionId: world.id,
    slug: "just-after-midnight",
    headline: "Filed just after midnight",
    publishedAt: new Date("2026-06-30T23:05:00Z"),
  });
  const draft = await buildArticle(db, {
    sectionId: uk.id,
    slug: "unfinished-draft",
    headline: "A draft nobody should see",
    publishedAt: hoursAgo(1),
    status: "draft",
  });
  await db
    .insertInto("article_slug_history")
    .values({ slug: "night-buses-come-back", article_id: lead.id, created_at: hoursAgo(1).toISOString() })
    .execute();
  const all = await db.selectFrom("articles").select("id").execute();
  await reindexArticles(
    db,
    all.map((a) => a.id),
    { cascade: false },
  );
  await buildBriefing(db, { date: "2026-07-01", publishedAt: hoursAgo(5), articleIds: [sameTag.id, lead.id] });
  await buildBriefing(db, { date: "2026-06-30", publishedAt: hoursAgo(29), articleIds: [sameSection.id] });
  return {
    uk,
    world,
    ada,
    ben,
    transport,
    housing,
    hero,
    video,
    lead,
    sameTag,
    sameSection,
    lateYesterday,
    justAfterMidnight,
    draft,
  };
}
