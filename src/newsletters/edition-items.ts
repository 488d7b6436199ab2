import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { BREAKING_NEWS } from "./breaking-alert.js";
import type { EditionRow } from "./editions.js";
import { VIDEO_NEWSLETTER } from "./video-edition.js";

// An edition's items replaced by the editors' list (PUT /editions/:id): the order is the list's,
// an item missing is cut, and, in an edition of stories (the Morning Headlines, a digest), a
// published story not yet in it is introduced with its standfirst (or headline) as its line unless
// a line is given. A video edition keeps the videos it was composed with.

type ItemInput = { id: number; line?: string | undefined };

export async function replaceItems(trx: Db, row: EditionRow, items: ItemInput[]): Promise<void> {
  const ids = items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw new AppError("VALIDATION_FAILED", "items: an item is listed twice");
  if (row.newsletter === BREAKING_NEWS) {
    throw new AppError("VALIDATION_FAILED", "items: this edition's items cannot be changed");
  }
  if (row.newsletter === VIDEO_NEWSLETTER) return replaceVideos(trx, row, items);

  const current = await trx
    .selectFrom("briefing_items")
    .select(["article_id as id", "line"])
    .where("briefing_id", "=", row.id)
    .execute();
  const lines = new Map(current.map((c) => [c.id, c.line]));
  const added = ids.filter((i) => !lines.has(i));
  const introduced = new Set(added);
  if (added.length) {
    const stories = await trx
      .selectFrom("articles")
      .select(["id", "headline", "standfirst"])
      .where("id", "in", added)
      .where("status", "=", "published")
      .execute();
    for (const s of stories) lines.set(s.id, s.standfirst.trim() || s.headline);
    const missing = added.filter((i) => !lines.has(i));
    if (missing.length) {
      throw new AppError(
        "VALIDATION_FAILED",
        `items: ${missing.join(", ")} ${missing.length === 1 ? "is not a published story" : "are not published stories"}`,
      );
    }
  }
  await trx.deleteFrom("briefing_items").where("briefing_id", "=", row.id).execute();
  await trx
    .insertInto("briefing_items")
    .values(
      items.map((item, position) => ({
        briefing_id: row.id,
        position,
        article_id: item.id,
        // An introduced story left without a line takes its standfirst; a kept one keeps what is given.
        line: (introduced.has(item.id) ? item.line || undefined : item.line) ?? lines.get(item.id)!,
      })),
    )
    .execute();
}

async function replaceVideos(trx: Db, row: EditionRow, items: ItemInput[]): Promise<void> {
  const current = await trx
    .selectFrom("briefing_videos")
    .select(["video_id as id", "line"])
    .where("briefing_id", "=", row.id)
    .execute();
  const lines = new Map(current.map((c) => [c.id, c.line]));
  const unknown = items.map((i) => i.id).filter((i) => !lines.has(i));
  if (unknown.length) {
    throw new AppError(
      "VALIDATION_FAILED",
      `items: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in this edition`,
    );
  }
  await trx.deleteFrom("briefing_videos").where("briefing_id", "=", row.id).execute();
  await trx
    .insertInto("briefing_videos")
    .values(
      items.map((item, position) => ({
        briefing_id: row.id,
        position,
        video_id: item.id,
        line: item.line ?? lines.get(item.id)!,
      })),
    )
    .execute();
}
