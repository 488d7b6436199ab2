import type { Db } from "../database.js";
import { mediaKeyOf, mediaUrl } from "../media/image.js";
import { AppError } from "../platform/errors.js";
import { slugify } from "../platform/slug.js";
import { parseRenditions } from "./processing/renditions.js";
import type { VideoRow, VideoStatus } from "./video.table.js";

/** A video as the newsroom API answers it (see README.md). */
export interface VideoItem {
  id: number;
  slug: string;
  url: string;
  title: string;
  description: string;
  status: VideoStatus;
  progress: number;
  error: string | null;
  sectionId: number | null;
  tags: { id: number; name: string; slug: string }[];
  durationSeconds: number;
  width: number;
  height: number;
  posterUrl: string | null;
  posterTime: number | null;
  src: string;
  renditions: { mp4: string | null; hls: string | null; hlsHeights: number[] };
  /** cueCount is null for tracks from before captions were uploaded through the API (the demo's). */
  captions: { lang: string; label: string; url: string; cueCount: number | null }[];
  featured: boolean;
  published: boolean;
  publishedAt: string;
  uploadedBy: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export const videoPath = (slug: string) => `/video/${slug}`;

type Extra = {
  posterKey: string | null;
  tags: VideoItem["tags"];
  captions: { lang: string; label: string; storage_key: string; cue_count: number }[];
};

export function toVideoItem(row: VideoRow, extra: Extra): VideoItem {
  const r = parseRenditions(row.renditions);
  return {
    id: row.id,
    slug: row.slug,
    url: videoPath(row.slug),
    title: row.title,
    description: row.description,
    status: row.status,
    progress: Number(row.progress),
    error: row.processing_error,
    sectionId: row.section_id,
    tags: extra.tags,
    durationSeconds: Number(row.duration_seconds),
    width: row.width,
    height: row.height,
    posterUrl: extra.posterKey ? mediaUrl(extra.posterKey) : null,
    posterTime: row.poster_time === null ? null : Number(row.poster_time),
    src: mediaUrl(row.storage_key),
    renditions: {
      mp4: r.mp4 ? mediaUrl(r.mp4) : null,
      hls: r.hls ? mediaUrl(r.hls.master) : null,
      hlsHeights: (r.hls?.variants ?? []).map((v) => v.height).sort((a, b) => a - b),
    },
    captions:
      extra.captions.length > 0
        ? extra.captions.map((c) => ({
            lang: c.lang,
            label: c.label,
            url: mediaUrl(c.storage_key),
            cueCount: c.cue_count,
          }))
        : legacyCaptions(row.captions),
    featured: row.featured === 1,
    published: row.published === 1,
    publishedAt: row.published_at,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function legacyCaptions(json: string): VideoItem["captions"] {
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return [];
    return list.flatMap((t: { lang?: unknown; label?: unknown; storageKey?: unknown }) =>
      typeof t.lang === "string" && typeof t.label === "string" && typeof t.storageKey === "string"
        ? [{ lang: t.lang, label: t.label, url: mediaUrl(t.storageKey), cueCount: null }]
        : [],
    );
  } catch {
    return [];
  }
}

/** Videos with their tags, captions and poster: three queries whatever the number. */
export async function loadVideoItems(db: Db, rows: VideoRow[]): Promise<VideoItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const posterIds = rows.flatMap((r) => (r.poster_media_id === null ? [] : [r.poster_media_id]));
  const [tags, captions, posters] = await Promise.all([
    db
      .selectFrom("video_tags as vt")
      .innerJoin("tags as t", "t.id", "vt.tag_id")
      .select(["vt.video_id", "t.id", "t.name", "t.slug"])
      .where("vt.video_id", "in", ids)
      .orderBy("t.name")
      .execute(),
    db.selectFrom("video_captions").selectAll().where("video_id", "in", ids).orderBy("lang").execute(),
    posterIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom("media").select(["id", "storage_key"]).where("id", "in", posterIds).execute(),
  ]);
  const posterKey = new Map(posters.map((p) => [p.id, p.storage_key]));
  return rows.map((row) =>
    toVideoItem(row, {
      posterKey: row.poster_media_id === null ? null : (posterKey.get(row.poster_media_id) ?? null),
      tags: tags.filter((t) => t.video_id === row.id).map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
      captions: captions.filter((c) => c.video_id === row.id),
    }),
  );
}

export async function getVideoItem(db: Db, id: number): Promise<VideoItem> {
  const row = await db.selectFrom("videos").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such video");
  const [item] = await loadVideoItems(db, [row]);
  return item!;
}

export async function listVideoItems(
  db: Db,
  filter: { status?: VideoStatus | undefined; beforeId?: number | undefined; limit: number },
): Promise<{ items: VideoItem[]; next: number | null }> {
  let q = db
    .selectFrom("videos")
    .selectAll()
    .orderBy("id", "desc")
    .limit(filter.limit + 1);
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.beforeId !== undefined) q = q.where("id", "<", filter.beforeId);
  const rows = await q.execute();
  const page = rows.slice(0, filter.limit);
  return { items: await loadVideoItems(db, page), next: rows.length > filter.limit ? page.at(-1)!.id : null };
}

/** Tag ids for names: existing tags by slug, new ones created. */
export async function tagIdsFor(db: Db, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of [...new Set(names.map((n) => n.trim()).filter(Boolean))]) {
    const slug = slugify(name);
    if (!slug) continue;
    const found = await db.selectFrom("tags").select("id").where("slug", "=", slug).executeTakeFirst();
    const id =
      found?.id ?? (await db.insertInto("tags").values({ slug, name }).returning("id").executeTakeFirstOrThrow()).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Keeps the denormalised `videos.captions` list (what pages read, no extra query) in step with video_captions. */
export async function syncCaptionList(db: Db, videoId: number): Promise<void> {
  const rows = await db
    .selectFrom("video_captions")
    .select(["lang", "label", "storage_key"])
    .where("video_id", "=", videoId)
    .orderBy("id")
    .execute();
  // Tracks seeded before the table existed (the demo's) stay, unless a language is uploaded anew.
  const current = await db.selectFrom("videos").select("captions").where("id", "=", videoId).executeTakeFirst();
  const uploaded = new Set(rows.map((r) => r.lang));
  const legacy = legacyCaptions(current?.captions ?? "[]")
    .filter((t) => !uploaded.has(t.lang) && !t.url.startsWith(mediaUrl(`videos/${videoId}/captions/`)))
    .map((t) => ({ lang: t.lang, label: t.label, storageKey: mediaKeyOf(t.url) ?? t.url }));
  const tracks = [...legacy, ...rows.map((r) => ({ lang: r.lang, label: r.label, storageKey: r.storage_key }))];
  await db
    .updateTable("videos")
    .set({ captions: JSON.stringify(tracks) })
    .where("id", "=", videoId)
    .execute();
}
