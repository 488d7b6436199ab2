import { z } from "zod";
import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { type BannerInput, raiseBannerIn } from "./banner.service.js";

// Publish + banner in one action (docs/adr/035): the story's publication and its banner commit
// together, the banner linking to the story and saying its headline unless the editor wrote a line.

export const storyBannerInput = z.strictObject({
  text: z.string().trim().max(160, "Keep the banner under 160 characters").optional(),
  live: z.boolean().default(false),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type StoryBanner = z.output<typeof storyBannerInput>;

/** Raises the banner for a story being published, inside the publication's transaction. */
export async function raiseStoryBanner(
  trx: Db,
  articleId: number,
  banner: StoryBanner,
  who: { userId: number | null; ip: string },
  now: Date,
): Promise<void> {
  const story = await trx
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.headline", "a.slug", "a.breaking", "s.slug as section"])
    .where("a.id", "=", articleId)
    .executeTakeFirstOrThrow();
  if (story.breaking !== 1) {
    throw new AppError("VALIDATION_FAILED", "Only an article flagged breaking raises the banner", {
      details: [{ path: "banner", message: "Flag the article as breaking first" }],
    });
  }
  const input: BannerInput = {
    text: banner.text || story.headline,
    url: articlePath(story.section, story.slug),
    live: banner.live,
    expiresAt: banner.expiresAt,
    // Web Push goes with the breaking-news alert (the publication's own job), not twice.
    push: false,
  };
  await raiseBannerIn(trx, { ...input, articleId }, who, now);
}
