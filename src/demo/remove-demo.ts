import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { imageFiles } from "../newsroom/trash/purge.js";
import { slugify } from "../platform/slug.js";
import type { Storage } from "../platform/storage/storage.js";
import { demoAuthors, demoSections } from "./newsroom.js";
import { demoArticles } from "./seed.js";

// `london-daily demo remove` (docs/adr/025): the demo newsroom goes, and nothing else. Demo content
// is what the seeder made, recognised by what it made it from:
// - stories with a demo slug that no newsroom account created (the seeder's have no creator);
// - images and the video under the seeder's storage prefixes (images/demo/, video/demo/);
// - Morning Headlines editions made only of demo stories and sent to nobody;
// then, once those are gone, the demo authors (never one linked to an account), topics and
// sections that nothing else uses. Everything an editor added, or a demo item they put to use
// (a demo picture on their own story, a demo section holding their story), stays.

export interface DemoRemoval {
  articles: number;
  media: number;
  videos: number;
  editions: number;
  authors: number;
  tags: number;
  sections: number;
}

/** Rolls the transaction back after counting: what a removal would take, with nothing removed. */
class DryRun extends Error {
  constructor(readonly counts: DemoRemoval) {
    super("dry run");
  }
}

/** Removes the demo content; with `dryRun`, counts what it would remove and changes nothing. */
export async function removeDemo(
  db: Kysely<Database>,
  storage: Storage,
  options: { dryRun?: boolean } = {},
): Promise<DemoRemoval> {
  const files: string[] = [];
  const prefixes: string[] = [];
  let result: DemoRemoval;
  try {
    result = await removeRows();
  } catch (error) {
    if (error instanceof DryRun) return error.counts;
    throw error;
  }
  // Files after the commit: a failure here leaves files, never rows pointing at missing files.
  await Promise.all(files.map((k) => storage.remove(k).catch(() => undefined)));
  for (const p of new Set(prefixes)) await storage.removePrefix(p).catch(() => undefined);
  return result;

  function removeRows() {
    return db.transaction().execute(async (trx) => {
      const articles = await trx
        .selectFrom("articles")
        .select("id")
        .where(
          "slug",
          "in",
          demoArticles.map((a) => a.slug),
        )
        .where("created_by", "is", null)
        .execute();
      const articleIds = articles.map((a) => a.id);
      const demoSet = new Set(articleIds);

      // Editions made only of demo stories and delivered to nobody.
      const briefings = await trx.selectFrom("briefings").select(["id", "newsletter", "edition_date"]).execute();
      const editionIds: number[] = [];
      for (const b of briefings) {
        const items = await trx
          .selectFrom("briefing_items")
          .select("article_id")
          .where("briefing_id", "=", b.id)
          .execute();
        if (items.length === 0 || !items.every((i) => i.article_id !== null && demoSet.has(i.article_id))) continue;
        const delivered = await trx
          .selectFrom("deliveries")
          .select("subscriber_id")
          .where("edition", "=", `${b.newsletter}/${b.edition_date}`)
          .executeTakeFirst();
        if (!delivered) editionIds.push(b.id);
      }
      if (editionIds.length) await trx.deleteFrom("briefings").where("id", "in", editionIds).execute();
      if (articleIds.length) await trx.deleteFrom("articles").where("id", "in", articleIds).execute();

      // The demo video and pictures, unless something of the newsroom's own still uses them.
      const videos = await trx
        .selectFrom("videos")
        .select(["id", "storage_key"])
        .where("storage_key", "like", "video/demo/%")
        .execute();
      let videoCount = 0;
      for (const v of videos) {
        const used = await trx.selectFrom("articles").select("id").where("video_id", "=", v.id).executeTakeFirst();
        const inEdition = await trx
          .selectFrom("briefing_videos")
          .select("video_id")
          .where("video_id", "=", v.id)
          .executeTakeFirst();
        if (used || inEdition) continue;
        await trx.deleteFrom("videos").where("id", "=", v.id).execute();
        prefixes.push(`videos/${v.id}/`, "video/demo/");
        videoCount += 1;
      }
      const images = await trx.selectFrom("media").selectAll().where("storage_key", "like", "images/demo/%").execute();
      let mediaCount = 0;
      for (const m of images) {
        const used = await trx
          .selectFrom("articles")
          .select("id")
          .where((eb) =>
            eb.or([
              eb("hero_media_id", "=", m.id),
              eb("social_media_id", "=", m.id),
              eb("body", "like", `%"mediaId":${m.id}%`),
            ]),
          )
          .executeTakeFirst();
        const poster = await trx
          .selectFrom("videos")
          .select("id")
          .where("poster_media_id", "=", m.id)
          .executeTakeFirst();
        const photo = await trx
          .selectFrom("authors")
          .select("id")
          .where("photo_media_id", "=", m.id)
          .where(
            "slug",
            "not in",
            demoAuthors.map((a) => a.slug),
          )
          .executeTakeFirst();
        if (used || poster || photo) continue;
        await trx.deleteFrom("media").where("id", "=", m.id).execute();
        files.push(...imageFiles(m));
        mediaCount += 1;
      }

      const unused = <T extends { id: number }>(rows: T[], usedIds: Set<number>) =>
        rows.filter((r) => !usedIds.has(r.id)).map((r) => r.id);
      const authorRows = await trx
        .selectFrom("authors")
        .select("id")
        .where(
          "slug",
          "in",
          demoAuthors.map((a) => a.slug),
        )
        .where("user_id", "is", null)
        .execute();
      const bylined = new Set(
        (await trx.selectFrom("article_authors").select("author_id").distinct().execute()).map((r) => r.author_id),
      );
      const authorIds = unused(authorRows, bylined);
      if (authorIds.length) await trx.deleteFrom("authors").where("id", "in", authorIds).execute();

      const tagRows = await trx
        .selectFrom("tags")
        .select("id")
        .where("slug", "in", [...new Set(demoArticles.flatMap((a) => a.tags.map(slugify)))])
        .execute();
      const tagged = new Set([
        ...(await trx.selectFrom("article_tags").select("tag_id").distinct().execute()).map((r) => r.tag_id),
        ...(await trx.selectFrom("video_tags").select("tag_id").distinct().execute()).map((r) => r.tag_id),
        ...(await trx.selectFrom("newsletters").select("tag_id").where("tag_id", "is not", null).execute()).map(
          (r) => r.tag_id!,
        ),
      ]);
      const tagIds = unused(tagRows, tagged);
      if (tagIds.length) await trx.deleteFrom("tags").where("id", "in", tagIds).execute();

      const sectionRows = await trx
        .selectFrom("sections")
        .select("id")
        .where(
          "slug",
          "in",
          demoSections.map((s) => s.slug),
        )
        .execute();
      const holding = new Set([
        ...(await trx.selectFrom("articles").select("section_id").distinct().execute()).map((r) => r.section_id),
        ...(await trx.selectFrom("videos").select("section_id").where("section_id", "is not", null).execute()).map(
          (r) => r.section_id!,
        ),
        ...(await trx.selectFrom("newsletters").select("section_id").where("section_id", "is not", null).execute()).map(
          (r) => r.section_id!,
        ),
      ]);
      const sectionIds = unused(sectionRows, holding);
      if (sectionIds.length) await trx.deleteFrom("sections").where("id", "in", sectionIds).execute();
      const counts = {
        articles: articleIds.length,
        media: mediaCount,
        videos: videoCount,
        editions: editionIds.length,
        authors: authorIds.length,
        tags: tagIds.length,
        sections: sectionIds.length,
      };
      if (options.dryRun) throw new DryRun(counts);
      return counts;
    });
  }
}
