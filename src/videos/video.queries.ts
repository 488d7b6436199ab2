import type { Db } from "../database.js";
import { precompiled } from "../platform/db/precompiled.js";
import { type RailKey, railKey } from "../pages/rails.js";
import { type Video, toVideo } from "./video.js";

function videoQuery(db: Db) {
  return db
    .selectFrom("videos as v")
    .leftJoin("media as p", "p.id", "v.poster_media_id")
    .selectAll("v")
    .select([
      "p.id as p_id",
      "p.storage_key as p_key",
      "p.mime as p_mime",
      "p.width as p_width",
      "p.height as p_height",
      "p.variant_widths as p_variants",
      "p.alt as p_alt",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof videoQuery>["executeTakeFirstOrThrow"]>>;

function map(row: Row): Video {
  const poster =
    row.p_id === null
      ? undefined
      : {
          id: row.p_id,
          kind: "image" as const,
          storage_key: row.p_key ?? "",
          mime: row.p_mime ?? "image/jpeg",
          width: row.p_width ?? 0,
          height: row.p_height ?? 0,
          variant_widths: row.p_variants ?? "[]",
          alt: row.p_alt ?? "",
          caption: "",
          credit: "",
          created_at: "",
        };
  return toVideo(row, poster);
}

export async function findVideosByIds(db: Db, ids: number[]): Promise<Map<number, Video>> {
  if (ids.length === 0) return new Map();
  const rows = await videoQuery(db).where("v.id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, map(r)]));
}

/** The newest featured video: what the floating player shows on pages without a video of their own. */
const latestFeatured = precompiled((db) =>
  videoQuery(db)
    .where("v.featured", "=", 1)
    .where("v.published", "=", 1)
    .where("v.status", "=", "ready")
    .orderBy("v.published_at", "desc")
    .limit(1),
);

export async function findLatestFeaturedVideo(db: Db): Promise<Video | undefined> {
  const [row] = await latestFeatured(db, {});
  return row ? map(row) : undefined;
}

/** The featured video the floating player opens with on pages that have none of their own. */
export const PLAYER_RAIL: RailKey<Video | undefined> = railKey<Video | undefined>("player");

/** A published, ready video with what its page shows besides the player. */
export interface VideoPageVideo extends Video {
  section: { id: number; name: string; slug: string } | null;
  tags: { id: number; name: string; slug: string }[];
  /** The first caption track's storage key (the transcript is read from it). */
  transcriptKey: string | null;
}

const publicVideos = (db: Db) => videoQuery(db).where("v.published", "=", 1).where("v.status", "=", "ready");

export async function findPublishedVideoBySlug(db: Db, slug: string): Promise<VideoPageVideo | undefined> {
  const row = await publicVideos(db).where("v.slug", "=", slug).executeTakeFirst();
  if (!row) return undefined;
  const [section, tags, caption] = await Promise.all([
    row.section_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom("sections").select(["id", "name", "slug"]).where("id", "=", row.section_id).executeTakeFirst(),
    db
      .selectFrom("video_tags as vt")
      .innerJoin("tags as t", "t.id", "vt.tag_id")
      .select(["t.id", "t.name", "t.slug"])
      .where("vt.video_id", "=", row.id)
      .orderBy("t.name")
      .execute(),
    db
      .selectFrom("video_captions")
      .select("storage_key")
      .where("video_id", "=", row.id)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const video = map(row);
  // Videos from before captions had a table (the demo) name their tracks only in the row.
  const legacyTrack = video.captions[0]?.src.replace(/^\/media\//, "") ?? null;
  return { ...video, section: section ?? null, tags, transcriptKey: caption?.storage_key ?? legacyTrack };
}

/** Published videos, newest first, for the /video listing. */
export async function listPublishedVideos(db: Db, page: { limit: number; offset: number }): Promise<Video[]> {
  const rows = await publicVideos(db)
    .orderBy("v.published_at", "desc")
    .orderBy("v.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(map);
}

export async function countPublishedVideos(db: Db): Promise<number> {
  const row = await db
    .selectFrom("videos")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("published", "=", 1)
    .where("status", "=", "ready")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Videos like this one: most tags in common first, then the same section, then the newest; from
 * the 100 newest published videos (enough for a newsroom's video desk, and one bounded query).
 */
export async function listRelatedVideos(db: Db, video: VideoPageVideo, limit: number): Promise<Video[]> {
  const rows = await publicVideos(db)
    .where("v.id", "!=", video.id)
    .orderBy("v.published_at", "desc")
    .limit(100)
    .execute();
  if (rows.length === 0) return [];
  const tagRows = await db
    .selectFrom("video_tags")
    .select(["video_id", "tag_id"])
    .where(
      "video_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const mine = new Set(video.tags.map((t) => t.id));
  const score = (r: (typeof rows)[number]) =>
    tagRows.filter((t) => t.video_id === r.id && mine.has(t.tag_id)).length * 10 +
    (video.section && r.section_id === video.section.id ? 5 : 0);
  return rows
    .map((r, i) => ({ r, s: score(r), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, limit)
    .map(({ r }) => map(r));
}
