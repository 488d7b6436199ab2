import type { Db } from "../database.js";
import { precompiled } from "../platform/db/precompiled.js";
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
  videoQuery(db).where("v.featured", "=", 1).orderBy("v.published_at", "desc").limit(1),
);

export async function findLatestFeaturedVideo(db: Db): Promise<Video | undefined> {
  const [row] = await latestFeatured(db, {});
  return row ? map(row) : undefined;
}
